package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.alerting.NotifiableAlert;
import java.net.URI;

/**
 * Forwards alerts to an external Alertmanager through its v2 API, as Prometheus does. A firing
 * alert goes without endsAt; the remote Alertmanager resolves it after its resolve_timeout unless
 * it is sent again, so routes to it should repeat more often than that.
 */
final class AlertmanagerChannel implements Channel {
  private final ChannelConfig.Alertmanager config;
  private final JsonPost http;
  private final URI endpoint;

  AlertmanagerChannel(ChannelConfig.Alertmanager config, JsonPost http) {
    this.config = config;
    this.http = http;
    String base = config.url().toString();
    this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
  }

  @Override
  public String type() {
    return "alertmanager";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public String render(Notification n) {
    ArrayNode list = AlertJson.MAPPER.createArrayNode();
    for (NotifiableAlert a : n.alerts()) {
      ObjectNode o = list.addObject();
      o.set("labels", AlertJson.object(a.labels()));
      o.set("annotations", AlertJson.object(a.annotations()));
      o.put("startsAt", AlertJson.time(a.startsAt()));
      if (a.endsAt() != null) {
        o.put("endsAt", AlertJson.time(a.endsAt()));
      }
      o.put("generatorURL", a.generatorUrl());
    }
    return AlertJson.write(list);
  }

  @Override
  public void deliver(String payload) throws DeliveryException {
    http.post(endpoint, payload);
  }
}
