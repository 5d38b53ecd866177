package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written OTLP/JSON request, sent with curl, comes back through the API intact. */
class OtlpJsonTest {
  @TempDir static Path data;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(data);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String curl(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("curl exit code, output: " + out).isZero();
    return out;
  }

  @Test
  void everyValueSurvivesTheRoundTrip() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    Path body = Path.of(getClass().getResource("/otlp-json/traces.json").toURI());
    String answer = curl("/usr/bin/curl", "-sS", "-w", "\n%{http_code}", "-H", "Content-Type: application/json",
        "--data-binary", "@" + body, server.otlpHttp() + "/v1/traces");
    assertThat(answer).endsWith("\n200");
    assertThat(answer).startsWith("{");
    server.awaitStored();

    JsonNode trace = server.getJson("/api/v1/traces/5b8efff798038103d269b633813fc60c");
    JsonNode span = trace.get("spans").get(0);
    assertThat(span.get("traceId").asText()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(span.get("spanId").asText()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.get("parentSpanId").asText()).isEmpty();
    assertThat(span.get("name").asText()).isEqualTo("GET /produkte/äöü");
    assertThat(span.get("kind").asText()).isEqualTo("SERVER");
    assertThat(span.get("startTimeUnixNano").asText()).isEqualTo("1767225600000000000");
    assertThat(span.get("endTimeUnixNano").asText()).isEqualTo("1767225600250000000");
    assertThat(span.get("durationNanos").asLong()).isEqualTo(250_000_000L);
    JsonNode a = span.get("attributes");
    assertThat(a.get("http.status_code").isIntegralNumber()).isTrue();
    assertThat(a.get("http.status_code").asInt()).isEqualTo(200);
    assertThat(a.get("big.int").bigIntegerValue().toString()).isEqualTo("9007199254740993");
    assertThat(a.get("ratio").isDouble()).isTrue();
    assertThat(a.get("ratio").asDouble()).isEqualTo(0.25);
    assertThat(a.get("cached").isBoolean()).isTrue();
    assertThat(a.get("greeting").asText()).isEqualTo("こんにちは 🌍 \"quoted\"");
    assertThat(a.get("raw").get("$bytes").asText()).isEqualTo("AAEC/w==");
    assertThat(a.get("tags").toString()).isEqualTo("[\"a\",2,[true]]");
    assertThat(a.get("user").toString()).isEqualTo("{\"id\":7,\"roles\":[\"admin\"],\"address\":{\"city\":\"Zürich\"}}");
    assertThat(span.get("events").get(0).get("name").asText()).isEqualTo("cache miss");
    assertThat(span.get("events").get(0).get("timeUnixNano").asText()).isEqualTo("1767225600100000000");
    assertThat(span.get("links").get(0).get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(span.get("links").get(0).get("spanId").asText()).isEqualTo("b7ad6b7169203331");
    assertThat(span.get("status").get("code").asText()).isEqualTo("ERROR");
    assertThat(span.get("status").get("message").asText()).isEqualTo("upstream failed");
    assertThat(span.get("resource").get("attributes").get("host.cores").asInt()).isEqualTo(8);
    assertThat(span.get("scope").get("name").asText()).isEqualTo("curl-test");
    assertThat(server.getJson("/api/v1/traces?service=json-shop&start=1767225500&end=1767225700&attr="
        + TestServer.encode("http.status_code=200")).get("traces")).hasSize(1);
  }

  @Test
  void uppercaseTraceIdInThePathIsAccepted() {
    assertThat(server.get("/api/v1/traces/5B8EFFF798038103D269B633813FC60D").statusCode()).isEqualTo(404);
    assertThat(server.get("/api/v1/traces/xyz").statusCode()).isEqualTo(400);
  }
}
