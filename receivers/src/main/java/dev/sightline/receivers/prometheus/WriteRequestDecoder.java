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
 * labels and float samples, and metric metadata. Native histograms are counted and exemplars
 * skipped, for now.
 */
final class WriteRequestDecoder {
  /** One series and how many native histogram samples it carried (not kept yet). */
  record Series(PromSeries series, int nativeHistograms) {}

  /** What the request says about a metric family: counter, gauge, histogram, summary, … */
  record Metadata(String family, String type, String help, String unit) {}

  record Decoded(List<Series> series, List<Metadata> metadata) {}

  private static final String[] TYPES = {"unknown", "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset"};

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
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> {
          CodedInputStream l = in.readBytes().newCodedInput();
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
        default -> in.skipField(tag); // exemplars (3) are not kept yet
      }
    }
    long[] ts = new long[samples.size()];
    double[] vs = new double[samples.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = samples.get(i)[0];
      vs[i] = values.get(i);
    }
    return new Series(new PromSeries(labels, ts, vs), histograms);
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
