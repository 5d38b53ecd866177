package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful restart keeps everything; self-metrics account for every item. */
class RestartTest {
  @TempDir Path data;

  @Test
  void dataAndAccountingSurviveARestart() {
    ExportTraceServiceRequest request = BadInputTest.request(BadInputTest.span(900, 1, 0, 5).build(),
        BadInputTest.span(900, 2, 1, 4).build(), BadInputTest.span(901, 3, 0, 1).setEndTimeUnixNano(1).build());
    try (TestServer server = new TestServer(data)) {
      HttpResponse<String> r = server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf", request.toByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      server.awaitStored();
      String metrics = server.get("/metrics").body();
      assertThat(metrics)
          .contains("sightline_items_received_total{signal=\"traces\",transport=\"http\",tenant=\"default\"} 3")
          .contains("sightline_items_accepted_total{signal=\"traces\",transport=\"http\",tenant=\"default\"} 2")
          .contains("sightline_items_refused_total{signal=\"traces\",transport=\"http\",tenant=\"default\",reason=\"invalid\"} 1")
          .contains("sightline_items_written_total{signal=\"traces\",tenant=\"default\"} 2");
      assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    }
    try (TestServer server = new TestServer(data)) {
      assertThat(server.getJson("/api/v1/traces/" + String.format("%016x%016x", 7, 900)).get("spans")).hasSize(2);
      assertThat(server.getJson("/api/v1/services").get("services").toString()).contains("bad-input");
    }
  }

  @Test
  void refusesToStartWhenTheLogWasRemovedUnderAStore() throws Exception {
    try (TestServer server = new TestServer(data)) {
      server.post(server.otlpHttp() + "/v1/traces", "application/x-protobuf",
          BadInputTest.request(BadInputTest.span(5, 1, 0, 5).build()).toByteArray());
      server.awaitStored();
    }
    try (var files = java.nio.file.Files.walk(data.resolve("ingest-log"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestServer(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the log was removed or replaced");
  }
}
