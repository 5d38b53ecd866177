package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.alerting.NotifiableAlert;
import java.util.List;

/** Alertmanager's webhook payload (version 4), field for field, so that existing receivers work unchanged. */
final class WebhookChannel implements Channel {
  private final ChannelConfig.Webhook config;
  private final JsonPost http;

  WebhookChannel(ChannelConfig.Webhook config, JsonPost http) {
    this.config = config;
    this.http = http;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public String render(Notification n) {
    List<NotifiableAlert> alerts = n.alerts();
    int truncated = 0;
    if (config.maxAlerts() > 0 && alerts.size() > config.maxAlerts()) {
      truncated = alerts.size() - config.maxAlerts();
      alerts = alerts.subList(0, config.maxAlerts());
    }
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    root.put("receiver", n.receiver());
    root.put("status", n.status());
    ArrayNode list = root.putArray("alerts");
    for (NotifiableAlert a : alerts) {
      ObjectNode o = list.addObject();
      o.put("status", a.resolved() ? "resolved" : "firing");
      o.set("labels", AlertJson.object(a.labels()));
      o.set("annotations", AlertJson.object(a.annotations()));
      o.put("startsAt", AlertJson.time(a.startsAt()));
      o.put("endsAt", AlertJson.time(a.endsAt()));
      o.put("generatorURL", a.generatorUrl());
      o.put("fingerprint", a.fingerprint());
    }
    root.set("groupLabels", AlertJson.object(n.groupLabels()));
    root.set("commonLabels", AlertJson.object(n.commonLabels()));
    root.set("commonAnnotations", AlertJson.object(n.commonAnnotations()));
    root.put("externalURL", n.externalUrl());
    root.put("version", "4");
    root.put("groupKey", n.groupKey());
    root.put("truncatedAlerts", truncated);
    return AlertJson.write(root);
  }

  @Override
  public void deliver(String payload) throws DeliveryException {
    http.post(config.url(), payload);
  }
}
