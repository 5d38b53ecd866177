package dev.sightline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
  private static final long NOW = 1_767_225_600_000_000_000L;

  private static List<Span> spans(List<ResourceSpans> trace) {
    return trace.stream().flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
  }

  @Test
  void tracesAreWellFormedTrees() {
    TrafficModel model = new TrafficModel(7);
    for (int i = 0; i < 200; i++) {
      int size = model.traceSize();
      assertThat(size).isBetween(5, 50);
      List<Span> spans = spans(model.trace(size, NOW));
      assertThat(spans).hasSize(size);
      Map<ByteString, Span> byId = new HashMap<>();
      spans.forEach(s -> byId.put(s.getSpanId(), s));
      assertThat(byId).hasSize(size);
      assertThat(spans.stream().map(Span::getTraceId).distinct()).hasSize(1);
      assertThat(spans).filteredOn(s -> s.getParentSpanId().isEmpty()).hasSize(1);
      for (Span s : spans) {
        assertThat(s.getEndTimeUnixNano()).isGreaterThan(s.getStartTimeUnixNano());
        if (!s.getParentSpanId().isEmpty()) {
          Span parent = byId.get(s.getParentSpanId());
          assertThat(parent).isNotNull();
          assertThat(s.getStartTimeUnixNano()).isGreaterThanOrEqualTo(parent.getStartTimeUnixNano());
          assertThat(s.getEndTimeUnixNano()).isLessThanOrEqualTo(parent.getEndTimeUnixNano() + 1000);
        }
      }
    }
  }

  @Test
  void logsAreTiedToTheTracesSpans() {
    TrafficModel model = new TrafficModel(3);
    List<ResourceSpans> trace = model.trace(10, NOW);
    List<ResourceLogs> logs = model.logs(trace, 2);
    Set<ByteString> spanIds = new HashSet<>();
    spans(trace).forEach(s -> spanIds.add(s.getSpanId()));
    assertThat(logs.stream().flatMap(rl -> rl.getScopeLogs(0).getLogRecordsList().stream()))
        .hasSize(20).allSatisfy(r -> assertThat(spanIds).contains(r.getSpanId()));
  }

  @Test
  void zipkinJsonFollowsTheMapping() throws Exception {
    List<ResourceSpans> trace = new TrafficModel(1).trace(5, NOW);
    JsonNode spans = new ObjectMapper().readTree(ZipkinJson.spans(trace));
    assertThat(spans).hasSize(5);
    Span first = spans(trace).get(0);
    JsonNode z = spans.get(0);
    assertThat(z.get("traceId").asText()).matches("[0-9a-f]{32}");
    assertThat(z.get("id").asText()).matches("[0-9a-f]{16}");
    assertThat(z.get("timestamp").asLong()).isEqualTo(first.getStartTimeUnixNano() / 1000);
    assertThat(z.get("localEndpoint").get("serviceName").asText()).isEqualTo("frontend");
    assertThat(z.get("kind").asText()).isEqualTo("SERVER");
    assertThat(z.get("tags").get("http.request.method").asText()).isEqualTo("GET");
  }

  @Test
  void pooledRequestsGetFreshTraceIdsOnEveryUse() throws Exception {
    RequestPool pool = RequestPool.create(LoadOptions.parse("--signal=traces", "--batch=100"), 2);
    ExportTraceServiceRequest a = ExportTraceServiceRequest.parseFrom(pool.unique(0, 1));
    ExportTraceServiceRequest b = ExportTraceServiceRequest.parseFrom(pool.unique(0, 2));
    Set<ByteString> first = new HashSet<>();
    a.getResourceSpansList().forEach(rs -> spans(List.of(rs)).forEach(s -> first.add(s.getTraceId())));
    b.getResourceSpansList().forEach(rs -> spans(List.of(rs)).forEach(s -> assertThat(first).doesNotContain(s.getTraceId())));
    assertThat(pool.body(0).items()).isGreaterThanOrEqualTo(100);
  }

  @Test
  void optionErrorsNameTheOption() {
    assertThatThrownBy(() -> LoadOptions.parse("--rate=fast")).hasMessageContaining("--rate");
    assertThatThrownBy(() -> LoadOptions.parse("--speed=1")).hasMessageContaining("unknown option '--speed=1'");
    assertThatThrownBy(() -> LoadOptions.parse("--target=kafka")).hasMessageContaining("--target");
    assertThatThrownBy(() -> LoadOptions.parse("--target=zipkin", "--signal=logs")).hasMessageContaining("--signal");
    assertThat(LoadOptions.parse("--target=http").endpoint()).isEqualTo("127.0.0.1:4318");
  }
}
