package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elasticsearch bulk API with a body as Logstash and Filebeat send it (ECS fields, nested and
 * dotted), a refused action and a bad document among good ones, answered item by item, and the
 * records found through the log search API with their service, time, severity and trace link.
 */
class ElasticsearchBulkTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  @TempDir Path dir;

  @Test
  void storesBulkDocumentsAndAnswersItemByItem() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--elasticsearch.enabled=true", "--elasticsearch.port=0")) {
      String es = "http://127.0.0.1:" + server.server.elasticsearchPort();
      HttpResponse<String> probe = server.http.send(HttpRequest.newBuilder(URI.create(es + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(probe.headers().firstValue("X-Elastic-Product")).contains("Elasticsearch");
      assertThat(TestServer.JSON.readTree(probe.body()).get("version").get("number").asText()).startsWith("8.");

      String now = Instant.now().minusSeconds(5).toString();
      String bulk = String.join("\n",
          "{\"index\":{\"_index\":\"logs-app\"}}",
          "{\"@timestamp\":\"" + now + "\",\"message\":\"order 17 shipped\",\"log\":{\"level\":\"info\"},"
              + "\"service\":{\"name\":\"shipping\"},\"trace.id\":\"" + TRACE + "\",\"host\":{\"name\":\"web-1\"},\"bytes\":512}",
          "{\"create\":{\"_id\":\"a1\"}}",
          "{\"@timestamp\":\"" + now + "\",\"message\":\"disk almost full\",\"log.level\":\"WARN\",\"service.name\":\"shipping\"}",
          "{\"delete\":{\"_id\":\"a1\"}}",
          "{\"index\":{}}",
          "{\"@timestamp\":\"yesterday\",\"message\":\"bad time\"}",
          "{\"index\":{}}",
          "not json at all",
          "");
      HttpResponse<String> r = server.post(es + "/logs-app/_bulk", "application/x-ndjson", bulk.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode answer = TestServer.JSON.readTree(r.body());
      assertThat(answer.get("errors").asBoolean()).isTrue();
      JsonNode items = answer.get("items");
      assertThat(items).hasSize(5);
      assertThat(items.get(0).get("index").get("status").asInt()).isEqualTo(201);
      assertThat(items.get(1).get("create").get("_id").asText()).isEqualTo("a1");
      assertThat(items.get(1).get("create").get("status").asInt()).isEqualTo(201);
      assertThat(items.get(2).get("delete").get("error").get("reason").asText()).contains("append-only");
      assertThat(items.get(3).get("index").get("error").get("reason").asText()).contains("@timestamp 'yesterday'");
      assertThat(items.get(4).get("index").get("error").get("reason").asText()).contains("not a JSON object");
      server.awaitStored();

      JsonNode logs = server.getJson("/api/v1/logs?service=shipping").get("logs");
      assertThat(logs).hasSize(2);
      JsonNode shipped = logs.get(0).get("body").asText().startsWith("order") ? logs.get(0) : logs.get(1);
      assertThat(shipped.get("traceId").asText()).isEqualTo(TRACE);
      assertThat(shipped.get("severityNumber").asInt()).isEqualTo(9);
      assertThat(shipped.get("attributes").get("host.name").asText()).isEqualTo("web-1");
      assertThat(shipped.get("attributes").get("bytes").asLong()).isEqualTo(512);
      assertThat(shipped.get("attributes").get("elasticsearch.index").asText()).isEqualTo("logs-app");
      JsonNode warn = logs.get(0) == shipped ? logs.get(1) : logs.get(0);
      assertThat(warn.get("severityNumber").asInt()).isEqualTo(13);
      assertThat(server.get("/metrics").body()).contains("sightline_elasticsearch_documents_total{outcome=\"refused\"} 3");
    }
  }
}
