package dev.sightline.alerting.notify;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The settings of one channel of a receiver, one record per kind, as in Alertmanager's receivers. */
public sealed interface ChannelConfig {

  /** Whether this channel is told when alerts resolve (Alertmanager's {@code send_resolved}, default true). */
  boolean sendResolved();

  /** The Alertmanager webhook format; {@code maxAlerts} 0 sends all. */
  record Webhook(URI url, int maxAlerts, boolean sendResolved) implements ChannelConfig {}

  /** A Slack incoming webhook; title and text are templates, empty for the defaults. */
  record Slack(URI apiUrl, String channel, String title, String text, boolean sendResolved)
      implements ChannelConfig {}

  /** PagerDuty Events API v2; {@code severity} empty takes the alerts' common severity label. */
  record PagerDuty(String routingKey, URI url, String severity, boolean sendResolved) implements ChannelConfig {}

  /**
   * SMTP; {@code smarthost} is host:port; auth only when a username is given. {@code implicitTls}
   * (TLS from the first byte, default on port 465 as in Alertmanager) or else STARTTLS when
   * {@code requireTls}; {@code insecureSkipVerify} trusts any server certificate.
   */
  record Email(List<String> to, String from, String host, int port, @Nullable String authUsername,
      @Nullable String authPassword, boolean requireTls, boolean implicitTls, boolean insecureSkipVerify,
      boolean sendResolved) implements ChannelConfig {
    public Email {
      to = List.copyOf(to);
    }
  }

  /** An external Alertmanager, given by its base URL; alerts go to {@code <url>/api/v2/alerts}. */
  record Alertmanager(URI url, boolean sendResolved) implements ChannelConfig {}
}
