package dev.sightline.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatedTest {
  private static final ExportTraceServiceRequest TRACES = ExportTraceServiceRequest.getDefaultInstance();

  @Test
  void summaryNamesTheFirstProblemsAndCountsTheRest() {
    assertThat(new Validated<>(TRACES, 10, 3, List.of("a", "b", "c")).summary())
        .isEqualTo("rejected 3 of 10 spans: a; b; c");
    assertThat(new Validated<>(TRACES, 10, 7, List.of("a", "b", "c", "d", "e", "f", "g")).summary())
        .isEqualTo("rejected 7 of 10 spans: a; b; c; d; e; and 2 more");
    assertThat(new Validated<>(ExportMetricsServiceRequest.getDefaultInstance(), 4, 0, List.of()).summary())
        .isEqualTo("accepted all 4 data points");
  }

  @Test
  void errorsAreCopiedAndCountsChecked() {
    List<String> errors = new ArrayList<>(List.of("a"));
    Validated<ExportTraceServiceRequest> v = new Validated<>(TRACES, 1, 1, errors);
    errors.add("b");
    assertThat(v.errors()).containsExactly("a");
    assertThatThrownBy(() -> new Validated<>(TRACES, 1, 2, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rejected must be within [0, received=1], got 2");
  }
}
