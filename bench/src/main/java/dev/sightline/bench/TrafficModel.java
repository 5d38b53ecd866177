package dev.sightline.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a shop's traffic: each trace enters at the frontend and fans out over services, with
 * HTTP, RPC and database spans, about 3% errors, exception events, and logs tied to its spans.
 */
final class TrafficModel {
  static final String[] SERVICES = {"frontend", "cart", "checkout", "payment", "inventory", "shipping", "db-proxy"};
  private static final String[] ROUTES = {"/", "/cart", "/checkout", "/product/{id}", "/api/search", "/api/recommendations"};
  private static final String[] OPERATIONS = {"GetCart", "AddItem", "PlaceOrder", "Charge", "Reserve", "Quote", "ListProducts"};
  private static final String[] STATEMENTS = {"SELECT * FROM products WHERE id = ?", "UPDATE stock SET qty = qty - ? WHERE sku = ?",
      "INSERT INTO orders (id, user_id, total) VALUES (?, ?, ?)", "SELECT total FROM carts WHERE user_id = ?"};
  private final Random random;

  TrafficModel(long seed) {
    this.random = new Random(seed);
  }

  /** One trace of {@code spans} spans, grouped per service as SDKs send them. */
  List<ResourceSpans> trace(int spans, long nowNanos) {
    byte[] traceId = new byte[16];
    random.nextBytes(traceId);
    traceId[0] |= 1; // never all zeros
    Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
    List<Span> created = new ArrayList<>();
    long start = nowNanos - random.nextInt(60_000) * 1_000_000L;
    long duration = (20 + random.nextInt(400)) * 1_000_000L;
    for (int i = 0; i < spans; i++) {
      Span parent = i == 0 ? null : created.get(random.nextInt(i));
      String service = i == 0 ? "frontend" : SERVICES[1 + random.nextInt(SERVICES.length - 1)];
      long spanStart = parent == null ? start : parent.getStartTimeUnixNano() + random.nextLong(Math.max(1, (parent.getEndTimeUnixNano() - parent.getStartTimeUnixNano()) / 2));
      long spanEnd = parent == null ? start + duration : spanStart + random.nextLong(Math.max(1, parent.getEndTimeUnixNano() - spanStart));
      Span span = span(traceId, parent, service, spanStart, Math.max(spanStart + 1000, spanEnd));
      created.add(span);
      byService.computeIfAbsent(service, s -> ScopeSpans.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.instrumentation").setVersion("2.10.0")))
          .addSpans(span);
    }
    List<ResourceSpans> out = new ArrayList<>();
    byService.forEach((service, scope) -> out.add(ResourceSpans.newBuilder().setResource(resource(service)).addScopeSpans(scope).build()));
    return out;
  }

  private Span span(byte[] traceId, Span parent, String service, long start, long end) {
    byte[] spanId = new byte[8];
    random.nextBytes(spanId);
    spanId[0] |= 1;
    boolean error = random.nextInt(100) < 3;
    Span.Builder b = Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
        .setStartTimeUnixNano(start).setEndTimeUnixNano(end);
    if (parent != null) {
      b.setParentSpanId(parent.getSpanId());
    }
    int shape = parent == null ? 0 : random.nextInt(3);
    switch (shape) {
      case 0 -> {
        String route = ROUTES[random.nextInt(ROUTES.length)];
        b.setName("GET " + route).setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .addAttributes(attr("http.request.method", "GET")).addAttributes(attr("http.route", route))
            .addAttributes(attr("http.response.status_code", error ? 500 : 200))
            .addAttributes(attr("url.scheme", "https")).addAttributes(attr("client.address", "10.1." + random.nextInt(256) + "." + random.nextInt(256)))
            .addAttributes(attr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"))
            .addAttributes(attr("enduser.id", "user-" + random.nextInt(5000)));
      }
      case 1 -> {
        String op = OPERATIONS[random.nextInt(OPERATIONS.length)];
        b.setName("shop." + service + "/" + op).setKind(random.nextBoolean() ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_SERVER)
            .addAttributes(attr("rpc.system", "grpc")).addAttributes(attr("rpc.service", "shop." + service))
            .addAttributes(attr("rpc.method", op)).addAttributes(attr("rpc.grpc.status_code", error ? 13 : 0))
            .addAttributes(attr("server.address", service + ".shop.svc")).addAttributes(attr("server.port", 50051));
      }
      default -> {
        String statement = STATEMENTS[random.nextInt(STATEMENTS.length)];
        b.setName(statement.substring(0, statement.indexOf(' ')) + " shop").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .addAttributes(attr("db.system", "postgresql")).addAttributes(attr("db.namespace", "shop"))
            .addAttributes(attr("db.query.text", statement)).addAttributes(attr("server.address", "pg-" + random.nextInt(3)))
            .addAttributes(attr("db.response.returned_rows", random.nextInt(50)));
      }
    }
    if (error) {
      b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream failed"));
      b.addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(end)
          .addAttributes(attr("exception.type", "java.io.IOException"))
          .addAttributes(attr("exception.message", "connection reset by peer")));
    }
    return b.build();
  }

  /** Log records tied to the spans of a trace: a few per span, more severe on errors. */
  List<ResourceLogs> logs(List<ResourceSpans> trace, int perSpan) {
    List<ResourceLogs> out = new ArrayList<>();
    for (ResourceSpans rs : trace) {
      ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("org.slf4j"));
      for (Span span : rs.getScopeSpans(0).getSpansList()) {
        boolean error = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
        for (int i = 0; i < perSpan; i++) {
          SeverityNumber severity = error && i == 0 ? SeverityNumber.SEVERITY_NUMBER_ERROR : SeverityNumber.SEVERITY_NUMBER_INFO;
          scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(span.getStartTimeUnixNano() + i)
              .setObservedTimeUnixNano(span.getStartTimeUnixNano() + i + 1000).setSeverityNumber(severity)
              .setSeverityText(severity == SeverityNumber.SEVERITY_NUMBER_ERROR ? "ERROR" : "INFO")
              .setBody(AnyValue.newBuilder().setStringValue(error && i == 0 ? "request failed: " + span.getStatus().getMessage()
                  : "handled " + span.getName() + " for user-" + random.nextInt(5000) + " in " + random.nextInt(300) + " ms"))
              .setTraceId(span.getTraceId()).setSpanId(span.getSpanId()).setFlags(1)
              .addAttributes(attr("thread.name", "http-nio-8080-exec-" + random.nextInt(32)))
              .addAttributes(attr("code.function", "handle" + random.nextInt(20))));
        }
      }
      out.add(ResourceLogs.newBuilder().setResource(rs.getResource()).addScopeLogs(scope).build());
    }
    return out;
  }

  int traceSize() {
    return 5 + random.nextInt(46);
  }

  Random random() {
    return random;
  }

  static Resource resource(String service) {
    return Resource.newBuilder().addAttributes(attr("service.name", service))
        .addAttributes(attr("service.namespace", "shop")).addAttributes(attr("service.version", "1.4." + (service.length() % 3)))
        .addAttributes(attr("deployment.environment.name", "production")).addAttributes(attr("host.name", service + "-7d9f8-" + (service.hashCode() & 0xff)))
        .addAttributes(attr("telemetry.sdk.language", "java")).addAttributes(attr("telemetry.sdk.version", "1.46.0")).build();
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}
