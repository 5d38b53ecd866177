package dev.sightline.server;

import static dev.sightline.server.ProcessorsTest.attr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Loki query API with LogQL, answered to requests in the shapes Grafana's Loki data source
 * sends: log queries with filters, parsers and label filters give the same lines as the REST log
 * search; metric queries, labels and series as Loki answers them.
 */
class LokiQueryApiTest {
  private static final long NOW_NS = System.currentTimeMillis() * 1_000_000L;
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(dir);
    ScopeLogs.Builder shop = ScopeLogs.newBuilder();
    for (int i = 0; i < 12; i++) {
      String status = i % 3 == 0 ? "500" : "200";
      shop.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW_NS - (i + 1) * 1_000_000_000L)
          .setSeverityText(status.equals("500") ? "ERROR" : "INFO").addAttributes(attr("http.status", status))
          .setBody(AnyValue.newBuilder().setStringValue("{\"status\":\"" + status + "\",\"msg\":\""
              + (status.equals("500") ? "card declined" : "paid") + " #" + i + "\",\"user\":{\"tier\":\"gold\"}}")));
    }
    ScopeLogs.Builder cart = ScopeLogs.newBuilder();
    for (int took : new int[] {120, 350, 90}) {
      cart.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(NOW_NS - took * 1_000_000L).setSeverityText("WARN")
          .setBody(AnyValue.newBuilder().setStringValue("level=warn msg=\"slow query\" took=" + took)));
    }
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "shop")))
            .addScopeLogs(shop))
        .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(attr("service.name", "cart")))
            .addScopeLogs(cart)).build();
    assertThat(server.post(server.otlpHttp() + "/v1/logs", "application/x-protobuf", request.toByteArray()).statusCode())
        .isEqualTo(200);
    server.awaitStored();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String range() {
    return "&start=" + (NOW_NS - 3_600_000_000_000L) + "&end=" + (NOW_NS + 60_000_000_000L);
  }

  private static List<String> lines(JsonNode answer) {
    List<String> out = new ArrayList<>();
    for (JsonNode stream : answer.get("data").get("result")) {
      stream.get("values").forEach(v -> out.add(v.get(1).asText()));
    }
    return out;
  }

  @Test
  void aParserAndALabelFilterGiveTheLinesOfTheEquivalentRestSearch() {
    JsonNode loki = server.getJson("/loki/api/v1/query_range?direction=backward&limit=1000&query="
        + enc("{service_name=\"shop\"} |= \"declined\" | json | status=\"500\" | user_tier=\"gold\"") + range() + "&step=60");
    assertThat(loki.get("status").asText()).isEqualTo("success");
    assertThat(loki.get("data").get("resultType").asText()).isEqualTo("streams");
    JsonNode stream = loki.get("data").get("result").get(0).get("stream");
    assertThat(stream.get("service_name").asText()).isEqualTo("shop");
    assertThat(stream.get("status").asText()).isEqualTo("500");
    List<String> rest = new ArrayList<>();
    server.getJson("/api/v1/logs?service=shop&attr=" + enc("http.status=500") + "&limit=1000&lookback=2h").get("logs")
        .forEach(l -> rest.add(l.get("body").asText()));
    assertThat(lines(loki)).hasSize(4).containsExactlyInAnyOrderElementsOf(rest);
    JsonNode value = loki.get("data").get("result").get(0).get("values").get(0);
    assertThat(Long.parseLong(value.get(0).asText())).isBetween(NOW_NS - 20_000_000_000L, NOW_NS);
  }

  @Test
  void logfmtAndANumericFilter() {
    JsonNode answer = server.getJson("/loki/api/v1/query_range?query=" + enc("{service_name=~\"ca.t\"} | logfmt | took > 300")
        + range() + "&direction=forward");
    assertThat(lines(answer)).containsExactly("level=warn msg=\"slow query\" took=350");
    assertThat(lines(server.getJson("/loki/api/v1/query_range?query=" + enc("{service_name=\"cart\"} !~ \"took=(90|120)$\"")
        + range()))).hasSize(1);
  }

  @Test
  void metricQueriesAsGrafanasLogVolume() {
    JsonNode answer = server.getJson("/loki/api/v1/query_range?query="
        + enc("sum by (level) (count_over_time({service_name=\"shop\"}[1h]))") + range() + "&step=3600");
    assertThat(answer.get("data").get("resultType").asText()).isEqualTo("matrix");
    long errors = 0;
    long infos = 0;
    for (JsonNode s : answer.get("data").get("result")) {
      long max = 0;
      for (JsonNode v : s.get("values")) {
        max = Math.max(max, Long.parseLong(v.get(1).asText()));
      }
      if (s.get("metric").get("level").asText().equals("error")) {
        errors = max;
      } else if (s.get("metric").get("level").asText().equals("info")) {
        infos = max;
      }
    }
    assertThat(errors).isEqualTo(4);
    assertThat(infos).isEqualTo(8);
    JsonNode vector = server.getJson("/loki/api/v1/query?query=" + enc("sum(rate({service_name=\"cart\"}[1m]))")
        + "&time=" + (NOW_NS + 1_000_000_000L));
    assertThat(vector.get("data").get("resultType").asText()).isEqualTo("vector");
    assertThat(vector.get("data").get("result").get(0).get("value").get(1).asDouble()).isEqualTo(3 / 60.0);
  }

  @Test
  void labelsValuesAndSeries() {
    List<String> names = new ArrayList<>();
    server.getJson("/loki/api/v1/labels?" + range().substring(1)).get("data").forEach(n -> names.add(n.asText()));
    assertThat(names).contains("service_name", "level", "http_status");
    List<String> services = new ArrayList<>();
    server.getJson("/loki/api/v1/label/service_name/values?" + range().substring(1)).get("data")
        .forEach(n -> services.add(n.asText()));
    assertThat(services).containsExactly("cart", "shop");
    JsonNode series = server.getJson("/loki/api/v1/series?match[]=" + enc("{service_name=\"shop\", level=\"error\"}") + range());
    assertThat(series.get("data")).singleElement().satisfies(s -> assertThat(s.get("http_status").asText()).isEqualTo("500"));
  }

  @Test
  void badQueriesAre400WithThePosition() {
    var r = server.get("/loki/api/v1/query_range?query=" + enc("{service_name=\"shop\"} | unknown") + range());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("parse error at position").contains("json, logfmt or a label filter");
    assertThat(server.get("/loki/api/v1/query?query=" + enc("{service_name=\"shop\"}")).body())
        .contains("not supported as an instant query");
    assertThat(server.get("/loki/api/v1/query_range?query=" + enc("{service_name=~\".*\"}")).body())
        .contains("at least one matcher that does not match the empty value");
  }
}
