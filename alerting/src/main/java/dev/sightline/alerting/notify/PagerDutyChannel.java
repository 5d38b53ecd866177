package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.alerting.NotifiableAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * PagerDuty Events API v2. The dedup key is the SHA-256 of the group key, as Alertmanager makes it,
 * so that a resolve closes the incident its trigger opened.
 */
final class PagerDutyChannel implements Channel {
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  private final ChannelConfig.PagerDuty config;
  private final JsonPost http;

  PagerDutyChannel(ChannelConfig.PagerDuty config, JsonPost http) {
    this.config = config;
    this.http = http;
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public String render(Notification n) {
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    root.put("routing_key", config.routingKey());
    root.put("event_action", n.status().equals("firing") ? "trigger" : "resolve");
    root.put("dedup_key", dedupKey(n.groupKey()));
    root.put("client", "Sightline");
    if (!n.externalUrl().isEmpty()) {
      root.put("client_url", n.externalUrl());
    }
    ObjectNode payload = root.putObject("payload");
    // PagerDuty refuses summaries over 1024 characters.
    String summary = n.subject();
    payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
    payload.put("source", "Sightline");
    payload.put("severity", severity(n));
    ObjectNode details = payload.putObject("custom_details");
    details.put("firing", describe(n, false));
    details.put("resolved", describe(n, true));
    details.put("num_firing", Integer.toString(n.firing().size()));
    details.put("num_resolved", Integer.toString(n.resolvedAlerts().size()));
    return AlertJson.write(root);
  }

  private String severity(Notification n) {
    if (!config.severity().isEmpty()) {
      return config.severity();
    }
    String common = n.commonLabels().getOrDefault("severity", "");
    return SEVERITIES.contains(common) ? common : "error";
  }

  private static String describe(Notification n, boolean resolved) {
    StringBuilder b = new StringBuilder();
    for (NotifiableAlert a : resolved ? n.resolvedAlerts() : n.firing()) {
      b.append("Labels:\n");
      a.labels().forEach((k, v) -> b.append(" - ").append(k).append(" = ").append(v).append('\n'));
      b.append("Annotations:\n");
      a.annotations().forEach((k, v) -> b.append(" - ").append(k).append(" = ").append(v).append('\n'));
      b.append("Source: ").append(a.generatorUrl()).append("\n\n");
    }
    return b.toString().strip();
  }

  static String dedupKey(String groupKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(groupKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void deliver(String payload) throws DeliveryException {
    http.post(config.url(), payload);
  }
}
