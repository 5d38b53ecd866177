package dev.sightline.server.api.prometheus;

import dev.sightline.server.api.Masking;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/** Prometheus's response envelope and its ways of writing times, values and label sets. */
public final class PromJson {
  private static final JsonFactory JSON = new JsonFactory();

  private PromJson() {}

  interface Data {
    void write(JsonGenerator g) throws IOException;
  }

  static HttpResponse success(Data data) {
    return success(java.util.List.of(), data);
  }

  /** A success with Prometheus's {@code warnings}: parts of the answer that may be missing. */
  static HttpResponse success(java.util.List<String> warnings, Data data) {
    return respond(HttpStatus.OK, g -> {
      g.writeStringField("status", "success");
      g.writeFieldName("data");
      data.write(g);
      if (!warnings.isEmpty()) {
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) g.writeString(w);
        g.writeEndArray();
      }
    });
  }

  static HttpResponse error(ApiError e) {
    return respond(e.status(), g -> {
      g.writeStringField("status", "error");
      g.writeStringField("errorType", e.type());
      g.writeStringField("error", e.getMessage());
    });
  }

  private static HttpResponse respond(HttpStatus status, Data fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.of(status, MediaType.JSON_UTF_8, out.toByteArray());
  }

  /** A timestamp as Prometheus writes it: Unix seconds with up to three decimals, a JSON number. */
  static void time(JsonGenerator g, long ms) throws IOException {
    StringBuilder b = new StringBuilder();
    long t = ms;
    if (t < 0) {
      b.append('-');
      t = -t;
    }
    b.append(t / 1000);
    long fraction = t % 1000;
    if (fraction != 0) {
      b.append('.');
      if (fraction < 100) {
        b.append('0');
      }
      if (fraction < 10) {
        b.append('0');
      }
      b.append(fraction);
    }
    g.writeNumber(b.toString());
  }

  /** A value as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, no exponent. */
  public static String value(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** {@code [time, "value"]}. */
  static void point(JsonGenerator g, long ms, double v) throws IOException {
    g.writeStartArray();
    time(g, ms);
    g.writeString(value(v));
    g.writeEndArray();
  }

  static void labels(JsonGenerator g, Map<String, String> labels, Masking masking) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      g.writeStringField(e.getKey(), masking.labelValue(e.getKey(), e.getValue()));
    }
    g.writeEndObject();
  }
}
