package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static dev.sightline.server.ProcessorsTest.hex;
import static dev.sightline.server.ProcessorsTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import graphql.introspection.IntrospectionQuery;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GraphQL API over HTTP, as a GraphQL client uses it, on a real server with traces, logs,
 * metrics and an alerting rule sent in over OTLP and the rules API: searches with Relay pages,
 * a trace with its spans and logs, PromQL, alerts and rules, and the answers to bad input.
 */
class GraphqlApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
  static final long T0 = CLOCK.instant().toEpochMilli() * 1_000_000L;
  static final byte[][] TRACES = {traceId(9001), traceId(9002), traceId(9003)};
  @TempDir static Path dir;
  static TestServer server;
  static GraphqlClient graphql;

  @BeforeAll
  static void start() {
    server = new TestServer(dir, CLOCK, "--alerting.default.rules.enabled=false");
    graphql = new GraphqlClient(server, null);
    send("/v1/traces", traces().toByteArray());
    send("/v1/logs", logs().toByteArray());
    send("/v1/metrics", metrics().toByteArray());
    HttpResponse<String> rules = server.request("PUT", "/api/v1/rules/files/queues.yml", "application/yaml", """
        groups:
          - name: queues
            interval: 1m
            rules:
              - alert: QueueBacklog
                expr: queue_depth > 100
                labels: {severity: critical}
                annotations: {summary: "{{ $labels.queue }} holds {{ $value }}"}
              - record: queue:depth:max
                expr: max(queue_depth)
        """);
    assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
    server.awaitStored();
    CLOCK.advance(Duration.ofMinutes(1));
    TestServer.await("the rule group's evaluation", () ->
        graphql.data("{ alerts { name } }").get("alerts").size() == 1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void send(String path, byte[] body) {
    HttpResponse<String> r = server.post(server.otlpHttp() + path, "application/x-protobuf", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n).array());
  }

  /** Three traces of shop, 10 s apart, newest first: the first failed, has an event, a link and a payments child. */
  static ExportTraceServiceRequest traces() {
    ScopeSpans.Builder shop = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("shop.http").setVersion("2.1"));
    ScopeSpans.Builder payments = ScopeSpans.newBuilder();
    for (int i = 0; i < TRACES.length; i++) {
      long start = T0 - (i + 1) * 10_000_000_000L;
      Span.Builder root = Span.newBuilder().setTraceId(ByteString.copyFrom(TRACES[i])).setSpanId(spanId(10L * i + 1))
          .setName(i == 0 ? "POST /pay" : "GET /browse").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + (i + 1) * 100_000_000L)
          .addAttributes(attr("http.route", i == 0 ? "/pay" : "/browse"))
          .addAttributes(KeyValue.newBuilder().setKey("http.status_code").setValue(AnyValue.newBuilder().setIntValue(i == 0 ? 500 : 200)));
      if (i == 0) {
        root.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("card declined"))
            .addEvents(Span.Event.newBuilder().setName("retry").setTimeUnixNano(start + 1_000_000).addAttributes(attr("attempt", "2")))
            .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(TRACES[1])).setSpanId(spanId(11))
                .addAttributes(attr("link.kind", "follows")));
        payments.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(TRACES[0])).setSpanId(spanId(2)).setParentSpanId(spanId(1))
            .setName("charge").setKind(Span.SpanKind.SPAN_KIND_CLIENT).setStartTimeUnixNano(start + 5_000_000)
            .setEndTimeUnixNano(start + 50_000_000));
      }
      shop.addSpans(root);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop"))
            .addAttributes(attr("host.name", "node-7"))).addScopeSpans(shop))
        .addResourceSpans(ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "payments")))
            .addScopeSpans(payments)).build();
  }

  /** Two records of the failed trace (INFO then ERROR) and a WARN of no trace. */
  static ExportLogsServiceRequest logs() {
    long start = T0 - 10_000_000_000L;
    ScopeLogs.Builder scope = ScopeLogs.newBuilder()
        .addLogRecords(log(start + 1_000_000, SeverityNumber.SEVERITY_NUMBER_INFO, "charging card").setTraceId(ByteString.copyFrom(TRACES[0]))
            .setSpanId(spanId(1)))
        .addLogRecords(log(start + 2_000_000, SeverityNumber.SEVERITY_NUMBER_ERROR, "card declined by issuer")
            .setTraceId(ByteString.copyFrom(TRACES[0])).setSpanId(spanId(1)).addAttributes(attr("issuer", "acme-bank")))
        .addLogRecords(log(start - 5_000_000_000L, SeverityNumber.SEVERITY_NUMBER_WARN, "disk nearly full"));
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop"))).addScopeLogs(scope)).build();
  }

  private static LogRecord.Builder log(long time, SeverityNumber severity, String body) {
    return LogRecord.newBuilder().setTimeUnixNano(time).setSeverityNumber(severity)
        .setSeverityText(severity.name().replace("SEVERITY_NUMBER_", "")).setBody(AnyValue.newBuilder().setStringValue(body));
  }

  /** queue_depth{queue="orders"} at 150, every 15 s over the two minutes before T0. */
  static ExportMetricsServiceRequest metrics() {
    Gauge.Builder g = Gauge.newBuilder();
    for (int i = 0; i <= 8; i++) {
      g.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 - (8 - i) * 15_000_000_000L).setAsDouble(150)
          .addAttributes(attr("queue", "orders")));
    }
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("queue_depth").setGauge(g)))).build();
  }

  static final String TRACE_PAGE = """
      query Traces($search: TraceSearch, $first: Int, $after: String) {
        traces(search: $search, first: $first, after: $after) {
          edges { cursor node { traceId rootService rootName startTimeUnixNano durationNanos spanCount errorCount services } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
      """;

  private static JsonNode traces(Map<String, ?> variables) {
    return graphql.data(TRACE_PAGE, variables).get("traces");
  }

  private static List<String> ids(JsonNode connection) {
    List<String> out = new ArrayList<>();
    connection.get("edges").forEach(e -> out.add(e.get("node").get("traceId").asText()));
    return out;
  }

  @Test
  void servicesAndOperations() {
    JsonNode data = graphql.data("""
        { services operations(service: "shop") { name kind } }
        """);
    assertThat(data.get("services")).extracting(JsonNode::asText).contains("shop", "payments");
    assertThat(data.get("operations").toString()).contains("{\"name\":\"POST /pay\",\"kind\":\"SERVER\"}")
        .contains("{\"name\":\"GET /browse\",\"kind\":\"SERVER\"}");
  }

  @Test
  void tracesComeInRelayPagesNewestFirst() {
    JsonNode first = traces(Map.of("search", Map.of("service", "shop"), "first", 2));
    assertThat(ids(first)).containsExactly(hex(TRACES[0]), hex(TRACES[1]));
    assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
    assertThat(first.get("pageInfo").get("hasPreviousPage").asBoolean()).isFalse();
    assertThat(first.get("pageInfo").get("endCursor").asText()).isEqualTo(first.get("edges").get(1).get("cursor").asText());
    JsonNode node = first.get("edges").get(0).get("node");
    assertThat(node.get("rootService").asText()).isEqualTo("shop");
    assertThat(node.get("rootName").asText()).isEqualTo("POST /pay");
    assertThat(node.get("spanCount").asInt()).isEqualTo(2);
    assertThat(node.get("errorCount").asInt()).isEqualTo(1);
    assertThat(node.get("durationNanos").isNumber()).isTrue();
    assertThat(node.get("durationNanos").asLong()).isEqualTo(100_000_000L);
    assertThat(node.get("startTimeUnixNano").asText()).isEqualTo(Long.toString(T0 - 10_000_000_000L));
    assertThat(node.get("services")).extracting(JsonNode::asText).containsExactlyInAnyOrder("shop", "payments");

    JsonNode second = traces(Map.of("search", Map.of("service", "shop"), "first", 2,
        "after", first.get("pageInfo").get("endCursor").asText()));
    assertThat(ids(second)).containsExactly(hex(TRACES[2]));
    assertThat(second.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
    assertThat(second.get("pageInfo").get("hasPreviousPage").asBoolean()).isTrue();

    JsonNode afterFirstEdge = traces(Map.of("search", Map.of("service", "shop"), "first", 5,
        "after", first.get("edges").get(0).get("cursor").asText()));
    assertThat(ids(afterFirstEdge)).as("every edge's cursor resumes after it").containsExactly(hex(TRACES[1]), hex(TRACES[2]));
  }

  @Test
  void traceSearchConditions() {
    assertThat(ids(traces(Map.of("search", Map.of("errorsOnly", true))))).containsExactly(hex(TRACES[0]));
    assertThat(ids(traces(Map.of("search", Map.of("minDuration", "150ms", "service", "shop")))))
        .containsExactly(hex(TRACES[1]), hex(TRACES[2]));
    assertThat(ids(traces(Map.of("search", Map.of("maxDuration", "0.1s", "operation", "POST /pay")))))
        .containsExactly(hex(TRACES[0]));
    assertThat(ids(traces(Map.of("search", Map.of("attributes", List.of(Map.of("key", "http.status_code", "value", "500"))))))).containsExactly(hex(TRACES[0]));
    assertThat(ids(traces(Map.of("search", Map.of("service", "shop",
        "start", Instant.ofEpochMilli(T0 / 1_000_000 - 25_000).toString(), "end", Double.toString((T0 / 1_000_000 - 15_000) / 1000.0))))))
        .as("start as RFC 3339, end as Unix seconds").containsExactly(hex(TRACES[1]));
  }

  @Test
  void aTraceWithItsSpansAndLogs() {
    JsonNode trace = graphql.data("""
        query Trace($id: ID!) {
          trace(id: $id) {
            traceId
            spans {
              traceId spanId parentSpanId name kind service startTimeUnixNano endTimeUnixNano durationNanos adjustedCount
              attributes { key value type }
              events { timeUnixNano name attributes { key value } }
              links { traceId spanId attributes { key value } }
              status { code message }
              resource { attributes { key value } }
              scope { name version }
            }
            logs { timeUnixNano severityNumber severityText body bodyType service traceId spanId attributes { key value } }
          }
        }
        """, Map.of("id", hex(TRACES[0]).toUpperCase())).get("trace");
    assertThat(trace.get("traceId").asText()).isEqualTo(hex(TRACES[0]));
    assertThat(trace.get("spans")).hasSize(2);
    JsonNode root = null;
    for (JsonNode s : trace.get("spans")) {
      if (s.get("name").asText().equals("POST /pay")) {
        root = s;
      }
    }
    assertThat(root).isNotNull();
    assertThat(root.get("parentSpanId").isNull()).isTrue();
    assertThat(root.get("kind").asText()).isEqualTo("SERVER");
    assertThat(root.get("service").asText()).isEqualTo("shop");
    assertThat(root.get("durationNanos").asLong()).isEqualTo(100_000_000L);
    assertThat(root.get("attributes").toString()).contains("{\"key\":\"http.route\",\"value\":\"/pay\",\"type\":\"STRING\"}")
        .contains("{\"key\":\"http.status_code\",\"value\":\"500\",\"type\":\"INT\"}");
    assertThat(root.get("events").get(0).get("name").asText()).isEqualTo("retry");
    assertThat(root.get("events").get(0).get("attributes").toString()).contains("attempt");
    assertThat(root.get("links").get(0).get("traceId").asText()).isEqualTo(hex(TRACES[1]));
    assertThat(root.get("status").get("code").asText()).isEqualTo("ERROR");
    assertThat(root.get("status").get("message").asText()).isEqualTo("card declined");
    assertThat(root.get("resource").toString()).contains("node-7");
    assertThat(root.get("scope").get("name").asText()).isEqualTo("shop.http");
    assertThat(root.get("scope").get("version").asText()).isEqualTo("2.1");
    JsonNode logs = trace.get("logs");
    assertThat(logs).hasSize(2);
    assertThat(logs.get(0).get("body").asText()).as("oldest first").isEqualTo("charging card");
    assertThat(logs.get(1).get("severityText").asText()).isEqualTo("ERROR");
    assertThat(logs.get(1).get("traceId").asText()).isEqualTo(hex(TRACES[0]));
    assertThat(logs.get(1).get("bodyType").asText()).isEqualTo("STRING");

    assertThat(graphql.data("{ trace(id: \"" + hex(traceId(123456)) + "\") { traceId } }").get("trace").isNull())
        .as("no such trace: null, not an error").isTrue();
  }

  @Test
  void logSearch() {
    String query = """
        query Logs($search: LogSearch, $first: Int, $after: String) {
          logs(search: $search, first: $first, after: $after) {
            edges { cursor node { body severityText service traceId attributes { key value } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
    JsonNode all = graphql.data(query, Map.of("search", Map.of("service", "shop"))).get("logs");
    assertThat(bodies(all)).containsExactly("card declined by issuer", "charging card", "disk nearly full");
    assertThat(bodies(graphql.data(query, Map.of("search", Map.of("minSeverity", "WARN"))).get("logs")))
        .containsExactly("card declined by issuer", "disk nearly full");
    assertThat(bodies(graphql.data(query, Map.of("search", Map.of("contains", "CARD", "traceId", hex(TRACES[0])))).get("logs")))
        .containsExactly("card declined by issuer", "charging card");
    assertThat(bodies(graphql.data(query, Map.of("search", Map.of("attributes", List.of(Map.of("key", "issuer", "value", "acme-bank")))))
        .get("logs"))).containsExactly("card declined by issuer");
    JsonNode page1 = graphql.data(query, Map.of("first", 2)).get("logs");
    assertThat(page1.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
    JsonNode page2 = graphql.data(query, Map.of("first", 2, "after", page1.get("pageInfo").get("endCursor").asText())).get("logs");
    assertThat(bodies(page2)).containsExactly("disk nearly full");
    assertThat(page2.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
  }

  private static List<String> bodies(JsonNode connection) {
    List<String> out = new ArrayList<>();
    connection.get("edges").forEach(e -> out.add(e.get("node").get("body").asText()));
    return out;
  }

  @Test
  void promqlInstantAndRange() {
    long t0s = T0 / 1_000_000_000L;
    JsonNode metrics = graphql.data("""
        query Q($time: String, $start: String!, $end: String!) {
          metrics {
            instant(query: "queue_depth", time: $time) { resultType series { labels { name value } points { timestampMs value } } }
            range(query: "queue_depth * 2", start: $start, end: $end, step: "30s") { resultType series { labels { name value } points { timestampMs value } } }
            scalar: instant(query: "1 + 1") { resultType scalar { value } }
          }
        }
        """, Map.of("time", Long.toString(t0s), "start", Long.toString(t0s - 60), "end", Instant.ofEpochSecond(t0s).toString()))
        .get("metrics");
    JsonNode instant = metrics.get("instant");
    assertThat(instant.get("resultType").asText()).isEqualTo("VECTOR");
    assertThat(instant.get("series")).hasSize(1);
    assertThat(instant.get("series").get(0).get("labels").toString()).contains("{\"name\":\"queue\",\"value\":\"orders\"}")
        .contains("{\"name\":\"__name__\",\"value\":\"queue_depth\"}");
    assertThat(instant.get("series").get(0).get("points").get(0).get("value").asText()).isEqualTo("150");
    assertThat(instant.get("series").get(0).get("points").get(0).get("timestampMs").asLong()).isEqualTo(t0s * 1000);
    JsonNode range = metrics.get("range");
    assertThat(range.get("resultType").asText()).isEqualTo("MATRIX");
    assertThat(range.get("series").get(0).get("points")).hasSize(3);
    assertThat(range.get("series").get(0).get("points").get(2).get("value").asText()).isEqualTo("300");
    assertThat(metrics.get("scalar").get("scalar").get("value").asText()).isEqualTo("2");
  }

  @Test
  void alertsAndRules() {
    JsonNode data = graphql.data("""
        {
          alerts { name state activeAt value labels { name value } annotations { name value } }
          rules { name file intervalSeconds lastEvaluation rules { name type query health state forSeconds labels { name value } alerts { name } } }
          recording: rules(type: RECORDING) { rules { name type } }
        }
        """);
    JsonNode alert = data.get("alerts").get(0);
    assertThat(alert.get("name").asText()).isEqualTo("QueueBacklog");
    assertThat(alert.get("state").asText()).isEqualTo("firing");
    assertThat(alert.get("labels").toString()).contains("{\"name\":\"severity\",\"value\":\"critical\"}");
    assertThat(alert.get("annotations").toString()).contains("{\"name\":\"summary\",\"value\":\"orders holds 150\"}");
    JsonNode group = data.get("rules").get(0);
    assertThat(group.get("name").asText()).isEqualTo("queues");
    assertThat(group.get("intervalSeconds").asDouble()).isEqualTo(60.0);
    assertThat(group.get("lastEvaluation").isNull()).isFalse();
    JsonNode rule = group.get("rules").get(0);
    assertThat(rule.get("type").asText()).isEqualTo("ALERTING");
    assertThat(rule.get("query").asText()).isEqualTo("queue_depth > 100");
    assertThat(rule.get("health").asText()).isEqualTo("ok");
    assertThat(rule.get("state").asText()).isEqualTo("firing");
    assertThat(rule.get("alerts").get(0).get("name").asText()).isEqualTo("QueueBacklog");
    assertThat(group.get("rules").get(1).get("type").asText()).isEqualTo("RECORDING");
    assertThat(group.get("rules").get(1).get("state").isNull()).isTrue();
    assertThat(data.get("recording").get(0).get("rules")).singleElement()
        .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("queue:depth:max"));
  }

  @Test
  void getRunsASimpleRead() {
    HttpResponse<String> r = graphql.get("/graphql?query=" + TestServer.encode("{ services }"), "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(GraphqlClient.read(r.body()).get("data").get("services").toString()).contains("shop");
    HttpResponse<String> withVariables = graphql.get("/graphql?query=" + TestServer.encode("query($s: String!) { operations(service: $s) { name } }")
        + "&variables=" + TestServer.encode("{\"s\": \"payments\"}"), "application/json");
    assertThat(withVariables.body()).contains("charge");
  }

  @Test
  void badArgumentsAreNamedInTheErrors() {
    assertThat(graphql.errors("{ traces(search: {minDuration: \"fast\"}) { edges { cursor } } }"))
        .isEqualTo("search.minDuration: 'fast' is not a duration; use e.g. 250ms, 1.5s, 2m, 1h");
    assertThat(graphql.errors("{ trace(id: \"xyz\") { traceId } }")).isEqualTo("id: 'xyz' is not a trace id of 32 hex digits");
    assertThat(graphql.errors("{ logs(search: {start: \"yesterday\"}) { edges { cursor } } }"))
        .isEqualTo("search.start: 'yesterday' is not a time; use RFC 3339 (2026-01-01T10:00:00Z) or Unix seconds");
    assertThat(graphql.errors("{ logs(search: {minSeverity: \"LOUD\"}) { edges { cursor } } }"))
        .startsWith("search.minSeverity: 'LOUD' is not a severity");
    assertThat(graphql.errors("{ metrics { instant(query: \"sum(rate(x[5m])\") { resultType } } }"))
        .as("the PromQL parser's message").contains("parse error");
    assertThat(graphql.errors("{ traces(first: 1001) { edges { cursor } } }"))
        .isEqualTo("first: 1001 is out of range; traces come at most 1000 to a page (and at least 1)");
    assertThat(graphql.errors("{ logs(first: 5001) { edges { cursor } } }"))
        .isEqualTo("first: 5001 is out of range; logs come at most 5000 to a page (and at least 1)");
    assertThat(graphql.errors("{ traces(after: \"bm9wZQ\") { edges { cursor } } }"))
        .isEqualTo("after: 'bm9wZQ' is not a cursor this server returned for traces");
    String traceCursor = traces(Map.of("first", 1)).get("pageInfo").get("endCursor").asText();
    assertThat(graphql.errors("query($after: String) { logs(after: $after) { edges { cursor } } }", Map.of("after", traceCursor)))
        .as("a trace cursor for logs").contains("is not a cursor this server returned for logs");
    assertThat(graphql.errors("{ spans }")).contains("Field 'spans' in type 'Query' is undefined");

    JsonNode answer = graphql.query("{ services trace(id: \"nope\") { traceId } }");
    assertThat(answer.get("data").get("services").toString()).as("the other fields still answer").contains("shop");
    JsonNode error = answer.get("errors").get(0);
    assertThat(error.get("path").get(0).asText()).isEqualTo("trace");
    assertThat(error.get("extensions").get("code").asText()).isEqualTo("BAD_USER_INPUT");
    assertThat(answer.toString()).doesNotContain("at dev.sightline").doesNotContain("Exception");
  }

  @Test
  void requestsThatAreNotGraphqlAre400() {
    HttpResponse<String> notJson = graphql.postRaw("application/json", "{\"query\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(GraphqlClient.read(notJson.body()).get("errors").get(0).get("message").asText()).startsWith("the body is not JSON");
    HttpResponse<String> noQuery = graphql.postRaw("application/json", "{\"variables\": {}}");
    assertThat(noQuery.statusCode()).isEqualTo(400);
    assertThat(noQuery.body()).contains("query: required");
    HttpResponse<String> text = graphql.postRaw("text/plain", "{ services }");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("POST /graphql takes application/json");
    assertThat(graphql.get("/graphql", "application/json").statusCode()).isEqualTo(400);
  }

  @Test
  void depthAndCostLimits() {
    // a data field beside introspection 13 levels deep: __type, fields, type, 9 times ofType, name
    String deep = "{ services __type(name: \"Span\") { fields { type { " + "ofType { ".repeat(9) + "name" + " }".repeat(13);
    JsonNode tooDeep = graphql.query(deep);
    assertThat(tooDeep.get("errors").get(0).get("message").asText()).isEqualTo("the query is 13 levels deep; the limit is 12 (query depth)");
    assertThat(tooDeep.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(tooDeep.has("data") && !tooDeep.get("data").isNull()).as("nothing ran").isFalse();

    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 100; i++) { // each 11 + 4 fields x 10 (a page of 1000): 51
      many.append(" t").append(i).append(": traces(first: 1000) { edges { node { traceId rootName } } }");
    }
    String costly = graphql.errors(many.append(" }").toString());
    assertThat(costly).startsWith("the query costs 5100; the limit is 5000 (query cost:");
  }

  @Test
  void theStandardIntrospectionQueryWorksSoToolsCanReadTheSchema() {
    JsonNode schema = graphql.data(IntrospectionQuery.INTROSPECTION_QUERY).get("__schema");
    assertThat(schema.get("queryType").get("name").asText()).isEqualTo("Query");
    assertThat(schema.get("types")).extracting(t -> t.get("name").asText()).contains("Span", "TraceConnection", "PromqlResult");
  }

  @Test
  void answersAreCompressedForClientsThatAcceptIt() throws Exception {
    HttpResponse<byte[]> r = server.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.api() + "/graphql"))
        .header("Content-Type", "application/json").header("Accept-Encoding", "gzip")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestServer.JSON.createObjectNode()
            .put("query", IntrospectionQuery.INTROSPECTION_QUERY).toString())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertThat(GraphqlClient.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).get("data").has("__schema"))
          .isTrue();
    }
  }

  @Test
  void browsersGetTheExplorerPage() {
    HttpResponse<String> page = graphql.get("/graphql", "text/html,application/xhtml+xml");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("content-security-policy").orElse("")).contains("default-src 'self'");
    assertThat(page.body()).contains("<textarea id=\"query\"").contains("id=\"run\"").contains("<pre id=\"schema\"")
        .contains("src=\"/graphql/explorer/explorer.js\"").doesNotContain("<script>").doesNotContain("style=")
        .doesNotContainPattern("(src|href)=\"(https?:)?//");
    HttpResponse<String> script = graphql.get("/graphql/explorer/explorer.js", "*/*");
    assertThat(script.headers().firstValue("content-type").orElse("")).contains("javascript");
    assertThat(script.body()).contains("fetch('/graphql'").doesNotContainPattern("https?://");
    assertThat(graphql.get("/graphql/explorer/explorer.css", "*/*").headers().firstValue("content-type").orElse("")).startsWith("text/css");
    HttpResponse<String> schema = graphql.get("/graphql/explorer/sightline.graphqls", "*/*");
    assertThat(schema.body()).contains("type Query {").contains("traces(search: TraceSearch, first: Int, after: String): TraceConnection");
  }
}
