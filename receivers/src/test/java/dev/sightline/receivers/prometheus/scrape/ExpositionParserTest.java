package dev.sightline.receivers.prometheus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  @Test
  void readsTheTextFormatAndSkipsBadLines() {
    Exposition e = ExpositionParser.parse("""
        # HELP requests_total Requests.
        # TYPE requests_total counter
        requests_total{route="/a",code="200"} 10
        requests_total{route="/b",code="500",} 2 1700000000123
        this line is { not valid
        escaped{path="a\\\\b\\"c\\nd"} -Inf
        nan_value NaN
        temperature_celsius{job="x"} 2.15e1
        """, "text/plain; version=0.0.4");
    assertThat(e.samples()).hasSize(5);
    assertThat(e.samples().get(0).labels()).isEqualTo(Map.of("__name__", "requests_total", "route", "/a", "code", "200"));
    assertThat(e.samples().get(0).timestampMs()).isEqualTo(ExposedSample.NO_TIMESTAMP);
    assertThat(e.samples().get(1).timestampMs()).isEqualTo(1700000000123L);
    assertThat(e.samples().get(2).labels().get("path")).isEqualTo("a\\b\"c\nd");
    assertThat(e.samples().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(e.samples().get(3).value()).isNaN();
    assertThat(e.samples().get(4).value()).isEqualTo(21.5);
    assertThat(e.types()).containsEntry("requests_total", "counter");
    assertThat(e.rejectedLines()).isEqualTo(1);
    assertThat(e.errors().get(0)).startsWith("line 5: value 'line' is not a number");
  }

  @Test
  void readsOpenMetricsWithSecondsAndExemplars() {
    Exposition e = ExpositionParser.parse("""
        # TYPE jobs counter
        # UNIT jobs jobs
        jobs_total{queue="q1"} 7 # {trace_id="abc"} 1.0
        jobs_created{queue="q1"} 1700000000.25
        queue_depth 3 1700000000.5
        # EOF
        """, "application/openmetrics-text; version=1.0.0");
    assertThat(e.errors()).isEmpty();
    assertThat(e.samples()).hasSize(3);
    assertThat(e.samples().get(0).value()).isEqualTo(7);
    assertThat(e.samples().get(2).timestampMs()).isEqualTo(1700000000500L);
    assertThat(e.samples().get(0).exemplar().labels()).isEqualTo(Map.of("trace_id", "abc"));
    assertThat(e.samples().get(0).exemplar().value()).isEqualTo(1.0);
  }

  @Test
  void namesWhatIsWrong() {
    Exposition e = ExpositionParser.parse("""
        a{x="1"
        b{x="1",x="2"} 1
        c 1 notatime
        d{1x="a"} 1
        e 1.2.3
        """, "text/plain");
    assertThat(e.samples()).isEmpty();
    assertThat(e.errors()).containsExactly(
        "line 1: expected ',' or '}' after label 'x'",
        "line 2: label 'x' appears twice",
        "line 3: timestamp 'notatime' is not an integer of milliseconds",
        "line 4: expected a label name at '1x=\"a\"} 1'",
        "line 5: value '1.2.3' is not a number");
  }
}
