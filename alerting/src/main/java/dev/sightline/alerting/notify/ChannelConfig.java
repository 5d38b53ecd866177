package dev.sightline.alerting.notify;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one channel of a receiver, one record per kind, as in Alertmanager's receivers.
 * {@code toString} leaves out secrets (passwords, routing keys, the paths of webhook URLs).
 */
public sealed interface ChannelConfig {

  /** Whether this channel is told when alerts resolve (Alertmanager's {@code send_resolved}, default true). */
  boolean sendResolved();

  /** The Alertmanager webhook format; {@code maxAlerts} 0 sends all. */
  record Webhook(URI url, int maxAlerts, boolean sendResolved) implements ChannelConfig {
    @Override
    public String toString() {
      return "Webhook[url=" + JsonPost.redacted(url) + ", maxAlerts=" + maxAlerts + ", sendResolved=" + sendResolved + "]";
    }
  }

  /** A Slack incoming webhook; title and text are templates, empty for the defaults. */
  record Slack(URI apiUrl, String channel, String title, String text, boolean sendResolved)
      implements ChannelConfig {
    @Override
    public String toString() {
      return "Slack[apiUrl=" + JsonPost.redacted(apiUrl) + ", channel=" + channel + "]";
    }
  }

  /** PagerDuty Events API v2; {@code severity} empty takes the alerts' common severity label. */
  record PagerDuty(String routingKey, URI url, String severity, boolean sendResolved) implements ChannelConfig {
    @Override
    public String toString() {
      return "PagerDuty[routingKey=<secret>, url=" + url + ", severity=" + severity + "]";
    }
  }

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

    /** Without the password, which would otherwise end up in logs. */
    @Override
    public String toString() {
      return "Email[to=" + to + ", from=" + from + ", smarthost=" + host + ":" + port + ", authUsername="
          + authUsername + ", requireTls=" + requireTls + ", implicitTls=" + implicitTls + "]";
    }
  }

  /** An external Alertmanager, given by its base URL; alerts go to {@code <url>/api/v2/alerts}. */
  record Alertmanager(URI url, boolean sendResolved) implements ChannelConfig {}
}
