package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.alerting.NotifiableAlert;

/**
 * A Slack incoming webhook: one attachment titled like Alertmanager's default
 * ({@code [FIRING:2] HighErrorRate (checkout critical)}), red while firing, green once resolved.
 */
final class SlackChannel implements Channel {
  private final ChannelConfig.Slack config;
  private final JsonPost http;

  SlackChannel(ChannelConfig.Slack config, JsonPost http) {
    this.config = config;
    this.http = http;
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public String render(Notification n) {
    String title = config.title().isEmpty() ? n.subject() : NotificationTemplate.render(config.title(), n);
    String text = config.text().isEmpty() ? defaultText(n) : NotificationTemplate.render(config.text(), n);
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    if (!config.channel().isEmpty()) {
      root.put("channel", config.channel());
    }
    root.put("username", "Sightline");
    root.put("text", title);
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("title", title);
    if (!n.externalUrl().isEmpty()) {
      attachment.put("title_link", n.externalUrl());
    }
    attachment.put("text", text);
    attachment.put("fallback", title);
    attachment.put("color", n.status().equals("firing") ? "danger" : "good");
    attachment.putArray("mrkdwn_in").add("fallback").add("pretext").add("text");
    return AlertJson.write(root);
  }

  private static String defaultText(Notification n) {
    StringBuilder b = new StringBuilder();
    for (NotifiableAlert a : n.alerts()) {
      String summary = a.annotations().getOrDefault("summary", a.annotations().getOrDefault("description", ""));
      b.append(a.resolved() ? "*Resolved:* " : "*Firing:* ").append(a.labels().getOrDefault("alertname", ""));
      if (!summary.isEmpty()) {
        b.append(" — ").append(summary);
      }
      b.append('\n');
    }
    return b.toString().strip();
  }

  @Override
  public void deliver(String payload) throws DeliveryException {
    http.post(config.apiUrl(), payload);
  }
}
