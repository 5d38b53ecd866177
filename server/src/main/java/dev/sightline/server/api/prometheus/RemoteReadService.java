package dev.sightline.server.api.prometheus;

import dev.sightline.receivers.RequestTenant;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.storage.LabelMatcher;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.SampleSeries;
import dev.sightline.storage.StaleMarker;
import dev.sightline.storage.StorageException;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/read}: Prometheus remote-read with the {@code SAMPLES} response type
 * (snappy-compressed {@code prometheus.ReadRequest} in, {@code ReadResponse} out), so that a
 * Prometheus with {@code remote_read} pointing here can query what Sightline stores. Stale
 * markers are left out, as Prometheus's own remote-read server does.
 */
public final class RemoteReadService implements HttpService {
  private static final LabelMatcher.Op[] OPS = {LabelMatcher.Op.EQ, LabelMatcher.Op.NEQ, LabelMatcher.Op.RE, LabelMatcher.Op.NRE};
  private final SampleReader samples;
  private final SampleReader.SelectLimits limits;

  public RemoteReadService(SampleReader samples, SampleReader.SelectLimits limits) {
    this.samples = samples;
    this.limits = limits;
  }

  /** Read requests are a few matchers per query; a larger one is a mistake or an attack. */
  private static final int MAX_REQUEST_BYTES = 4 << 20;

  private record Query(long startMs, long endMs, List<LabelMatcher> matchers) {}

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(req.aggregate().thenApplyAsync((AggregatedHttpRequest agg) -> {
      List<Query> queries;
      try {
        byte[] body = agg.content().array();
        int length = SnappyDecompressor.getUncompressedLength(body, 0);
        if (length < 0 || length > MAX_REQUEST_BYTES) {
          return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the read request inflates to " + length
              + " bytes, over the limit of " + MAX_REQUEST_BYTES);
        }
        byte[] raw = new byte[length];
        new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, length);
        queries = readRequest(raw);
      } catch (IOException | RuntimeException e) {
        return text(HttpStatus.BAD_REQUEST, "the body is not a snappy-compressed prometheus.ReadRequest: " + e.getMessage());
      }
      try {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(response);
        for (Query q : queries) {
          List<SampleSeries> found = samples.select(RequestTenant.current(), q.matchers(), q.startMs(), q.endMs(), limits);
          out.writeByteArray(1, queryResult(found));
        }
        out.flush();
        byte[] raw = response.toByteArray();
        SnappyCompressor snappy = new SnappyCompressor();
        byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
        int n = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.parse("application/x-protobuf"))
            .add(HttpHeaderNames.CONTENT_ENCODING, "snappy").build(),
            com.linecorp.armeria.common.HttpData.wrap(Arrays.copyOf(compressed, n)));
      } catch (StorageException e) {
        return text(HttpStatus.BAD_REQUEST, e.getMessage());
      } catch (IOException e) {
        return text(HttpStatus.INTERNAL_SERVER_ERROR, "encoding the response failed: " + e.getMessage());
      }
    }, ctx.blockingTaskExecutor()));
  }

  private static List<Query> readRequest(byte[] raw) throws IOException {
    List<Query> queries = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        queries.add(query(in.readBytes().newCodedInput()));
      } else {
        in.skipField(tag);
      }
    }
    return queries;
  }

  private static Query query(CodedInputStream in) throws IOException {
    long start = 0;
    long end = 0;
    List<LabelMatcher> matchers = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> start = in.readInt64();
        case 2 -> end = in.readInt64();
        case 3 -> matchers.add(matcher(in.readBytes().newCodedInput()));
        default -> in.skipField(tag);
      }
    }
    if (matchers.isEmpty()) {
      throw new IOException("a query needs at least one matcher");
    }
    return new Query(start, end, matchers);
  }

  private static LabelMatcher matcher(CodedInputStream in) throws IOException {
    int type = 0;
    String name = "";
    String value = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> type = in.readEnum();
        case 2 -> name = in.readStringRequireUtf8();
        case 3 -> value = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    if (type < 0 || type >= OPS.length) {
      throw new IOException("unknown matcher type " + type);
    }
    return new LabelMatcher(name, OPS[type], value);
  }

  /** {@code QueryResult { repeated TimeSeries timeseries = 1; }}. */
  private static byte[] queryResult(List<SampleSeries> found) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (SampleSeries s : found) {
      ByteArrayOutputStream series = new ByteArrayOutputStream();
      CodedOutputStream ts = CodedOutputStream.newInstance(series);
      for (Map.Entry<String, String> l : s.labels().entrySet()) {
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        CodedOutputStream lo = CodedOutputStream.newInstance(label);
        lo.writeString(1, l.getKey());
        lo.writeString(2, l.getValue());
        lo.flush();
        ts.writeByteArray(1, label.toByteArray());
      }
      for (int i = 0; i < s.size(); i++) {
        if (StaleMarker.is(s.values()[i])) {
          continue;
        }
        ts.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        ts.writeUInt32NoTag(CodedOutputStream.computeDoubleSize(1, s.values()[i])
            + CodedOutputStream.computeInt64Size(2, s.timestamps()[i]));
        ts.writeDouble(1, s.values()[i]);
        ts.writeInt64(2, s.timestamps()[i]);
      }
      ts.flush();
      out.writeByteArray(1, series.toByteArray());
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static HttpResponse text(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.PLAIN_TEXT_UTF_8, message);
  }
}
