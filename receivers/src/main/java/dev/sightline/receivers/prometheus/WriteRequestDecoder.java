package dev.sightline.receivers.prometheus;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a remote-write version 1 {@code prometheus.WriteRequest} (after snappy): time series with
 * labels, float samples and exemplars, and metric metadata. Native histograms are counted and
 * skipped, for now.
 */
final class WriteRequestDecoder {
  /** One series and how many native histogram samples it carried (not kept yet). */
  record Series(PromSeries series, int nativeHistograms) {}

  /** What the request says about a metric family: counter, gauge, histogram, summary, … */
  record Metadata(String family, String type, String help, String unit) {}

  record Decoded(List<Series> series, List<Metadata> metadata) {}

  static final String[] TYPES = {"unknown", "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset"};

  private WriteRequestDecoder() {}

  static Decoded decode(byte[] protobuf) throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(protobuf);
    List<Series> series = new ArrayList<>();
    List<Metadata> metadata = new ArrayList<>();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1 -> series.add(series(in.readBytes().newCodedInput()));
          case 3 -> metadata.add(metadata(in.readBytes().newCodedInput()));
          default -> in.skipField(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return new Decoded(series, metadata);
  }

  private static Series series(CodedInputStream in) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    List<long[]> samples = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    int histograms = 0;
    List<PromSeries.PromExemplar> exemplars = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> label(in.readBytes().newCodedInput(), labels);
        case 2 -> {
          CodedInputStream s = in.readBytes().newCodedInput();
          double value = 0;
          long ts = 0;
          for (int t = s.readTag(); t != 0; t = s.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case 1 -> value = s.readDouble();
              case 2 -> ts = s.readInt64();
              default -> s.skipField(t);
            }
          }
          samples.add(new long[] {ts});
          values.add(value);
        }
        case 4 -> {
          histograms++;
          in.skipField(tag); // native histograms are not kept yet
        }
        case 3 -> exemplars.add(exemplar(in.readBytes().newCodedInput()));
        default -> in.skipField(tag);
      }
    }
    long[] ts = new long[samples.size()];
    double[] vs = new double[samples.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = samples.get(i)[0];
      vs[i] = values.get(i);
    }
    return new Series(new PromSeries(labels, ts, vs, exemplars), histograms);
  }

  private static void label(CodedInputStream l, Map<String, String> labels) throws IOException {
    String name = "";
    String value = "";
    for (int t = l.readTag(); t != 0; t = l.readTag()) {
      switch (WireFormat.getTagFieldNumber(t)) {
        case 1 -> name = l.readStringRequireUtf8();
        case 2 -> value = l.readStringRequireUtf8();
        default -> l.skipField(t);
      }
    }
    labels.put(name, value);
  }

  /** {@code prometheus.Exemplar}: labels (1), value (2), timestamp in ms (3). */
  private static PromSeries.PromExemplar exemplar(CodedInputStream in) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    double value = 0;
    long ts = Long.MIN_VALUE;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> label(in.readBytes().newCodedInput(), labels);
        case 2 -> value = in.readDouble();
        case 3 -> ts = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    return new PromSeries.PromExemplar(labels, value, ts);
  }

  private static Metadata metadata(CodedInputStream in) throws IOException {
    String type = "unknown";
    String family = "";
    String help = "";
    String unit = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> {
          int t = in.readEnum();
          type = t >= 0 && t < TYPES.length ? TYPES[t] : "unknown";
        }
        case 2 -> family = in.readStringRequireUtf8();
        case 4 -> help = in.readStringRequireUtf8();
        case 5 -> unit = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    return new Metadata(family, type, help, unit);
  }
}
