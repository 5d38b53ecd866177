package dev.sightline.otlp.prometheus;

import static dev.sightline.otlp.prometheus.PrometheusNames.Kind.COUNTER;
import static dev.sightline.otlp.prometheus.PrometheusNames.Kind.GAUGE;
import static dev.sightline.otlp.prometheus.PrometheusNames.Kind.HISTOGRAM;
import static dev.sightline.otlp.prometheus.PrometheusNames.metricName;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusNamesTest {

  @Test
  void unitsBecomeSuffixes() {
    assertThat(metricName("http.server.duration", "ms", HISTOGRAM)).isEqualTo("http_server_duration_milliseconds");
    assertThat(metricName("http.server.request.duration", "s", HISTOGRAM)).isEqualTo("http_server_request_duration_seconds");
    assertThat(metricName("system.filesystem.usage", "By", GAUGE)).isEqualTo("system_filesystem_usage_bytes");
    assertThat(metricName("system.network.io", "By", COUNTER)).isEqualTo("system_network_io_bytes_total");
    assertThat(metricName("throughput", "By/s", GAUGE)).isEqualTo("throughput_bytes_per_second");
    assertThat(metricName("requests", "{request}/s", GAUGE)).isEqualTo("requests_per_second");
    assertThat(metricName("system.network.dropped", "{packets}", COUNTER)).isEqualTo("system_network_dropped_total");
    assertThat(metricName("system.network.dropped", "packets", GAUGE)).isEqualTo("system_network_dropped_packets");
    assertThat(metricName("temperature", "Cel", GAUGE)).isEqualTo("temperature_celsius");
    assertThat(metricName("x", "KiBy", GAUGE)).isEqualTo("x_kibibytes");
    assertThat(metricName("x", "By{compressed}", GAUGE)).isEqualTo("x_bytes");
  }

  @Test
  void ratioOnlyForGaugesOfUnitOne() {
    assertThat(metricName("system.memory.utilization", "1", GAUGE)).isEqualTo("system_memory_utilization_ratio");
    assertThat(metricName("system.memory.utilization", "1", COUNTER)).isEqualTo("system_memory_utilization_total");
    assertThat(metricName("cache_hit_ratio", "1", GAUGE)).isEqualTo("cache_hit_ratio");
  }

  @Test
  void suffixesAreNotAddedTwice() {
    assertThat(metricName("process_cpu_seconds_total", "", GAUGE)).isEqualTo("process_cpu_seconds_total");
    assertThat(metricName("process_cpu_seconds_total", "s", COUNTER)).isEqualTo("process_cpu_seconds_total");
    assertThat(metricName("requests_total", "", COUNTER)).isEqualTo("requests_total");
    assertThat(metricName("requests_total", "s", COUNTER)).isEqualTo("requests_seconds_total");
    assertThat(metricName("io_bytes_per_second", "By/s", GAUGE)).isEqualTo("io_bytes_per_second");
    assertThat(metricName("duration_seconds", "s", HISTOGRAM)).isEqualTo("duration_seconds");
  }

  @Test
  void prometheusNamesStayAsTheyAre() {
    assertThat(metricName("job:http_requests:rate5m", "", GAUGE)).isEqualTo("job:http_requests:rate5m");
    assertThat(metricName("a__b", "", GAUGE)).isEqualTo("a__b");
    assertThat(metricName("up", "", GAUGE)).isEqualTo("up");
  }

  @Test
  void invalidCharactersAreReplaced() {
    assertThat(metricName("(lambda).function.executions(#)", "", GAUGE)).isEqualTo("lambda_function_executions");
    assertThat(metricName("2xx.count", "", GAUGE)).isEqualTo("_2xx_count");
    assertThat(metricName("héllo wörld", "", GAUGE)).isEqualTo("h_llo_w_rld");
    assertThat(PrometheusNames.sanitizeMetricName("...")).isEqualTo("_");
  }

  @Test
  void labelNames() {
    assertThat(PrometheusNames.labelName("http.method")).isEqualTo("http_method");
    assertThat(PrometheusNames.labelName("2xx")).isEqualTo("key_2xx");
    assertThat(PrometheusNames.labelName("a-b.c")).isEqualTo("a_b_c");
    assertThat(PrometheusNames.labelName("_private")).isEqualTo("_private");
    assertThat(PrometheusNames.labelName("le")).isEqualTo("le");
  }
}
