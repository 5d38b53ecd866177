package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sightline.alerting.NotifiableAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** Alerts and configuration as the server hands them over: alerts built by evaluation, YAML parsed to maps. */
final class TestAlerts {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TestAlerts() {}

  static NotifiableAlert firing(Map<String, String> labels) {
    return new NotifiableAlert(labels, Map.of("summary", "errors above 5%"), T0.minusSeconds(60), null,
        "http://sightline:8080/alerts?rule=" + labels.getOrDefault("alertname", ""));
  }

  static NotifiableAlert resolved(NotifiableAlert a, Instant at) {
    return new NotifiableAlert(a.labels(), a.annotations(), a.startsAt(), at, a.generatorUrl());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NotificationConfig config(String yaml) {
    return NotificationConfig.parse(yaml(yaml));
  }
}
