package dev.sightline.alerting.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** A receiver with its channels built from configuration. */
record Receiver(String name, List<Channel> channels) {

  static Receiver from(ReceiverConfig config, HttpClient client, Duration timeout) {
    JsonPost http = new JsonPost(client, timeout);
    List<Channel> channels = config.channels().stream().map(c -> switch (c) {
      case ChannelConfig.Webhook w -> (Channel) new WebhookChannel(w, http);
      case ChannelConfig.Slack s -> new SlackChannel(s, http);
      case ChannelConfig.PagerDuty p -> new PagerDutyChannel(p, http);
      case ChannelConfig.Email e -> new EmailChannel(e, timeout);
      case ChannelConfig.Alertmanager a -> new AlertmanagerChannel(a, http);
    }).toList();
    return new Receiver(config.name(), channels);
  }
}
