package dev.sightline.receivers.jaeger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A service's sampling strategy in the Jaeger remote-sampling model: a default probability, and
 * per-operation probabilities with a lower bound of traces a second when adaptive sampling has
 * rates for the service's operations.
 */
record SamplingStrategy(double probability, double lowerBoundTracesPerSecond, List<OperationProbability> operations) {

  record OperationProbability(String operation, double probability) {}

  /** {@code jaeger.api_v2.SamplingStrategyResponse} (sampling.proto). */
  byte[] toProto() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      // strategyType PROBABILISTIC is enum 0, the default, so it is not written
      out.writeByteArray(2, probabilistic(probability));
      if (!operations.isEmpty()) {
        ByteArrayOutputStream perOp = new ByteArrayOutputStream();
        CodedOutputStream p = CodedOutputStream.newInstance(perOp);
        p.writeDouble(1, probability);
        p.writeDouble(2, lowerBoundTracesPerSecond);
        for (OperationProbability op : operations) {
          ByteArrayOutputStream one = new ByteArrayOutputStream();
          CodedOutputStream o = CodedOutputStream.newInstance(one);
          o.writeString(1, op.operation());
          o.writeByteArray(2, probabilistic(op.probability()));
          o.flush();
          p.writeByteArray(3, one.toByteArray());
        }
        p.flush();
        out.writeByteArray(4, perOp.toByteArray());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] probabilistic(double rate) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeDouble(1, rate);
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * The JSON form. {@code numericType} writes {@code strategyType} as the number Jaeger agents'
   * legacy {@code /sampling} endpoint gives; otherwise as the enum name, as in proto JSON.
   */
  void writeJson(JsonGenerator g, boolean numericType) throws IOException {
    g.writeStartObject();
    if (numericType) {
      g.writeNumberField("strategyType", 0);
    } else {
      g.writeStringField("strategyType", "PROBABILISTIC");
    }
    g.writeObjectFieldStart("probabilisticSampling");
    g.writeNumberField("samplingRate", probability);
    g.writeEndObject();
    if (!operations.isEmpty()) {
      g.writeObjectFieldStart("operationSampling");
      g.writeNumberField("defaultSamplingProbability", probability);
      g.writeNumberField("defaultLowerBoundTracesPerSecond", lowerBoundTracesPerSecond);
      g.writeArrayFieldStart("perOperationStrategies");
      for (OperationProbability op : operations) {
        g.writeStartObject();
        g.writeStringField("operation", op.operation());
        g.writeObjectFieldStart("probabilisticSampling");
        g.writeNumberField("samplingRate", op.probability());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
