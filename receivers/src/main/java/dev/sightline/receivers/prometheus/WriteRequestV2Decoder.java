package dev.sightline.receivers.prometheus;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a remote-write 2.0 {@code io.prometheus.write.v2.Request}: a symbol table (4) and series
 * (5) whose labels, exemplar labels, help and unit are indices into it. Series, exemplars and
 * per-series metadata come out as {@link WriteRequestDecoder} gives them for 1.0, so both versions
 * take one path into the ingest log. Native histograms are counted, not kept yet.
 */
final class WriteRequestV2Decoder {
  private WriteRequestV2Decoder() {}

  /** A series before its symbol references are resolved. */
  private record RawSeries(List<Integer> labelRefs, long[] ts, double[] values, List<Object[]> exemplars,
      int type, int helpRef, int unitRef, int histograms) {}

  static WriteRequestDecoder.Decoded decode(byte[] protobuf) throws InvalidProtocolBufferException {
    List<String> symbols = new ArrayList<>();
    List<ByteString> rawSeries = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(protobuf);
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 4 -> symbols.add(in.readStringRequireUtf8());
          case 5 -> rawSeries.add(in.readBytes()); // symbols may follow the series
          default -> in.skipField(tag);
        }
      }
      List<WriteRequestDecoder.Series> series = new ArrayList<>();
      List<WriteRequestDecoder.Metadata> metadata = new ArrayList<>();
      for (ByteString b : rawSeries) {
        RawSeries r = series(b.newCodedInput());
        Map<String, String> labels = labels(r.labelRefs(), symbols);
        List<PromSeries.PromExemplar> exemplars = new ArrayList<>();
        for (Object[] e : r.exemplars()) {
          @SuppressWarnings("unchecked")
          List<Integer> refs = (List<Integer>) e[0];
          long ts = (long) e[2];
          exemplars.add(new PromSeries.PromExemplar(labels(refs, symbols), (double) e[1], ts == 0 ? Long.MIN_VALUE : ts));
        }
        series.add(new WriteRequestDecoder.Series(new PromSeries(labels, r.ts(), r.values(), exemplars), r.histograms()));
        String name = labels.get("__name__");
        if (name != null && r.type() > 0 && r.type() < WriteRequestDecoder.TYPES.length) {
          metadata.add(new WriteRequestDecoder.Metadata(name, WriteRequestDecoder.TYPES[r.type()],
              symbol(symbols, r.helpRef()), symbol(symbols, r.unitRef())));
        }
      }
      return new WriteRequestDecoder.Decoded(series, metadata);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidProtocolBufferException(e.getMessage());
    }
  }

  private static RawSeries series(CodedInputStream in) throws IOException {
    List<Integer> refs = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Object[]> exemplars = new ArrayList<>();
    int type = 0;
    int help = 0;
    int unit = 0;
    int histograms = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> readRefs(in, tag, refs);
        case 2 -> {
          CodedInputStream s = in.readBytes().newCodedInput();
          double v = 0;
          long t = 0;
          for (int st = s.readTag(); st != 0; st = s.readTag()) {
            switch (WireFormat.getTagFieldNumber(st)) {
              case 1 -> v = s.readDouble();
              case 2 -> t = s.readInt64();
              default -> s.skipField(st);
            }
          }
          ts.add(t);
          values.add(v);
        }
        case 3 -> {
          histograms++;
          in.skipField(tag);
        }
        case 4 -> {
          CodedInputStream e = in.readBytes().newCodedInput();
          List<Integer> labelRefs = new ArrayList<>();
          double v = 0;
          long t = 0;
          for (int et = e.readTag(); et != 0; et = e.readTag()) {
            switch (WireFormat.getTagFieldNumber(et)) {
              case 1 -> readRefs(e, et, labelRefs);
              case 2 -> v = e.readDouble();
              case 3 -> t = e.readInt64();
              default -> e.skipField(et);
            }
          }
          exemplars.add(new Object[] {labelRefs, v, t});
        }
        case 5 -> {
          CodedInputStream m = in.readBytes().newCodedInput();
          for (int mt = m.readTag(); mt != 0; mt = m.readTag()) {
            switch (WireFormat.getTagFieldNumber(mt)) {
              case 1 -> type = m.readEnum();
              case 3 -> help = m.readUInt32();
              case 4 -> unit = m.readUInt32();
              default -> m.skipField(mt);
            }
          }
        }
        default -> in.skipField(tag);
      }
    }
    long[] t = new long[ts.size()];
    double[] v = new double[values.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ts.get(i);
      v[i] = values.get(i);
    }
    return new RawSeries(refs, t, v, exemplars, type, help, unit, histograms);
  }

  /** A repeated uint32, packed (the proto3 default) or not. */
  private static void readRefs(CodedInputStream in, int tag, List<Integer> out) throws IOException {
    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int limit = in.pushLimit(in.readRawVarint32());
      while (in.getBytesUntilLimit() > 0) {
        out.add(in.readUInt32());
      }
      in.popLimit(limit);
    } else {
      out.add(in.readUInt32());
    }
  }

  private static Map<String, String> labels(List<Integer> refs, List<String> symbols) {
    if (refs.size() % 2 != 0) {
      throw new IllegalArgumentException("labels_refs has an odd length " + refs.size());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < refs.size(); i += 2) {
      labels.put(symbol(symbols, refs.get(i)), symbol(symbols, refs.get(i + 1)));
    }
    return labels;
  }

  private static String symbol(List<String> symbols, int ref) {
    if (ref < 0 || ref >= symbols.size()) {
      throw new IllegalArgumentException("symbol reference " + ref + " is outside the " + symbols.size() + " symbols");
    }
    return symbols.get(ref);
  }
}
