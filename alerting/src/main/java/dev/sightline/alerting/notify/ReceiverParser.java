package dev.sightline.alerting.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads one entry of {@code receivers} and its channel configs, with Alertmanager's defaults. */
final class ReceiverParser {
  static final URI PAGERDUTY_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
  private static final Set<String> KEYS = Set.of("name", "email_configs", "slack_configs", "pagerduty_configs",
      "webhook_configs", "alertmanager_configs");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private ReceiverParser() {}

  static ReceiverConfig parse(Object raw, String where) {
    ConfigReader r = ConfigReader.of(raw, where, KEYS);
    String name = r.string("name");
    List<ChannelConfig> channels = new ArrayList<>();
    each(r, "webhook_configs", Set.of("url", "max_alerts", "send_resolved"), c -> channels.add(
        new ChannelConfig.Webhook(c.url("url", null), c.count("max_alerts", 0), c.bool("send_resolved", true))));
    each(r, "slack_configs", Set.of("api_url", "channel", "title", "text", "send_resolved"), c -> {
      String title = c.string("title", "");
      String text = c.string("text", "");
      NotificationTemplate.check(title, c.path("title"));
      NotificationTemplate.check(text, c.path("text"));
      channels.add(new ChannelConfig.Slack(c.url("api_url", null), c.string("channel", ""), title, text,
          c.bool("send_resolved", true)));
    });
    each(r, "pagerduty_configs", Set.of("routing_key", "url", "severity", "send_resolved"), c -> {
      String severity = c.string("severity", "");
      if (!severity.isEmpty() && !SEVERITIES.contains(severity)) {
        throw new IllegalArgumentException(c.path("severity") + ": expected critical, error, warning or info, got '"
            + severity + "'");
      }
      channels.add(new ChannelConfig.PagerDuty(c.string("routing_key"), c.url("url", PAGERDUTY_URL.toString()),
          severity, c.bool("send_resolved", true)));
    });
    each(r, "email_configs", Set.of("to", "from", "smarthost", "auth_username", "auth_password", "require_tls",
        "starttls", "implicit_tls", "tls_config", "send_resolved"), c -> channels.add(email(c)));
    each(r, "alertmanager_configs", Set.of("url", "send_resolved"), c -> channels.add(
        new ChannelConfig.Alertmanager(c.url("url", null), c.bool("send_resolved", true))));
    return new ReceiverConfig(name, channels);
  }

  private static ChannelConfig.Email email(ConfigReader c) {
    List<String> to = c.strings("to");
    if (to.isEmpty()) {
      throw new IllegalArgumentException(c.path("to") + ": required (one address or a list)");
    }
    for (String address : to) {
      address(address, c.path("to"));
    }
    String from = address(c.string("from"), c.path("from"));
    String smarthost = c.string("smarthost");
    int colon = smarthost.lastIndexOf(':');
    int port = -1;
    try {
      port = colon > 0 ? Integer.parseInt(smarthost.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      // reported below
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(c.path("smarthost") + ": '" + smarthost + "' is not host:port");
    }
    @Nullable String user = c.optionalString("auth_username");
    @Nullable String password = c.optionalString("auth_password");
    if (user != null && password == null) {
      throw new IllegalArgumentException(c.path("auth_password") + ": required with auth_username");
    }
    boolean tls = c.bool("require_tls", c.bool("starttls", true));
    boolean skipVerify = false;
    if (c.has("tls_config")) {
      skipVerify = ConfigReader.of(c.map.get("tls_config"), c.path("tls_config"), Set.of("insecure_skip_verify"))
          .bool("insecure_skip_verify", false);
    }
    return new ChannelConfig.Email(to, from, smarthost.substring(0, colon), port, user, password, tls,
        c.bool("implicit_tls", port == 465), skipVerify, c.bool("send_resolved", true));
  }

  private static String address(String text, String where) {
    if (!text.matches("^[^@\\s]+@[^@\\s]+$") && !text.matches("^.*<[^@\\s]+@[^@\\s]+>$")) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not an email address");
    }
    return text;
  }

  private static void each(ConfigReader r, String key, Set<String> known, java.util.function.Consumer<ConfigReader> f) {
    List<?> raw = r.list(key);
    for (int i = 0; i < raw.size(); i++) {
      f.accept(ConfigReader.of(raw.get(i), r.path(key) + "[" + i + "]", known));
    }
  }
}
