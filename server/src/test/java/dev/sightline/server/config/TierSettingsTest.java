package dev.sightline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sightline.storage.tier.Retention;
import dev.sightline.storage.tier.SignalType;
import dev.sightline.storage.tier.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierSettingsTest {

  @Test
  void theDataPolicyIsTheDefault() {
    TierSettings t = ConfigLoader.load(List.of(), Map.of()).tiers();
    assertThat(t.enabled()).isTrue();
    assertThat(t.s3()).isNull();
    assertThat(t.retention().of("any", SignalType.TRACES)).isEqualTo(Retention.TRACES);
    assertThat(t.retention().of("any", SignalType.METRICS)).isEqualTo(Retention.METRICS);
    assertThat(t.retention().of("any", SignalType.LOGS)).isEqualTo(Retention.LOGS);
  }

  @Test
  void retentionIsSetPerSignalAndPerTenant() {
    TierSettings t = ConfigLoader.load(List.of("--retention.logs.hot=1d", "--retention.tenant.acme.traces.archive=400d"),
        Map.of("SIGHTLINE_RETENTION_TENANT_BETA_LOGS_WARM", "10d")).tiers();
    assertThat(t.retention().of("other", SignalType.LOGS).hot()).isEqualTo(Duration.ofDays(1));
    assertThat(t.retention().of("acme", SignalType.TRACES).archive()).isEqualTo(Duration.ofDays(400));
    assertThat(t.retention().of("acme", SignalType.TRACES).hot()).isEqualTo(Duration.ofDays(7));
    assertThat(t.retention().of("acme", SignalType.LOGS).hot()).as("the tenant's unset limits are the defaults")
        .isEqualTo(Duration.ofDays(1));
    assertThat(t.retention().of("beta", SignalType.LOGS).warm()).isEqualTo(Duration.ofDays(10));
    assertThat(t.retention().of("beta", SignalType.LOGS).uses(Tier.WARM)).isTrue();
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--retention.tenant.acme.spans.hot=1d"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.tenant.acme.spans.hot")
        .hasMessageContaining("traces, metrics or logs");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--retention.tenant.acme.hot=1d"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.tenant.<tenant>.<signal>.<tier>");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--retention.traces.hot=0d"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.traces.");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--tiers.s3.endpoint=http://127.0.0.1:9000"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tiers.s3.access.key");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--tiers.s3.endpoint=ftp://x", "--tiers.s3.access.key=a",
        "--tiers.s3.secret.key=b"), Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("http");
  }

  @Test
  void theSecretKeyNeverShows() {
    TierSettings t = ConfigLoader.load(List.of("--tiers.s3.endpoint=http://127.0.0.1:9000", "--tiers.s3.access.key=a"),
        Map.of("SIGHTLINE_TIERS_S3_SECRET_KEY", "very-secret")).tiers();
    assertThat(t.toString()).doesNotContain("very-secret");
    assertThat(t.s3().secretKey()).isEqualTo("very-secret");
  }
}
