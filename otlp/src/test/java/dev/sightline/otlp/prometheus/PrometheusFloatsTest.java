package dev.sightline.otlp.prometheus;

import static dev.sightline.otlp.prometheus.PrometheusFloats.format;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected strings are what Go's strconv.FormatFloat(f, 'g', -1, 64) prints. */
class PrometheusFloatsTest {
  @Test
  void likeGo() {
    assertThat(format(0.005)).isEqualTo("0.005");
    assertThat(format(1)).isEqualTo("1");
    assertThat(format(2.5)).isEqualTo("2.5");
    assertThat(format(10)).isEqualTo("10");
    assertThat(format(100000)).isEqualTo("100000");
    assertThat(format(1e6)).isEqualTo("1e+06");
    assertThat(format(2.5e6)).isEqualTo("2.5e+06");
    assertThat(format(1234567)).isEqualTo("1.234567e+06");
    assertThat(format(0.0001)).isEqualTo("0.0001");
    assertThat(format(0.00001)).isEqualTo("1e-05");
    assertThat(format(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(format(0.1)).isEqualTo("0.1");
    assertThat(format(0.99)).isEqualTo("0.99");
    assertThat(format(-0.25)).isEqualTo("-0.25");
    assertThat(format(1e100)).isEqualTo("1e+100");
    assertThat(format(0)).isEqualTo("0");
    assertThat(format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(format(Double.NaN)).isEqualTo("NaN");
  }
}
