package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sightline.alerting.NotifiableAlert;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Properties;

/**
 * SMTP with STARTTLS (required unless {@code require_tls: false}) or implicit TLS (port 465 or
 * {@code implicit_tls: true}), and optional auth; the message
 * has a plain-text and an HTML part, each listing the alerts. The rendered payload is a JSON object
 * of from, to, subject, text and html, so a dead letter shows what would have been mailed.
 */
final class EmailChannel implements Channel {
  private final ChannelConfig.Email config;
  private final Duration timeout;

  EmailChannel(ChannelConfig.Email config, Duration timeout) {
    this.config = config;
    this.timeout = timeout;
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public boolean sendResolved() {
    return config.sendResolved();
  }

  @Override
  public String render(Notification n) {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<html><body><h3>").append(escape(n.subject())).append("</h3>");
    for (String part : new String[] {"firing", "resolved"}) {
      var alerts = part.equals("firing") ? n.firing() : n.resolvedAlerts();
      if (alerts.isEmpty()) {
        continue;
      }
      text.append(alerts.size()).append(' ').append(part).append(":\n");
      html.append("<h4>").append(alerts.size()).append(' ').append(part).append("</h4><ul>");
      for (NotifiableAlert a : alerts) {
        text.append("- ").append(a.labels()).append('\n');
        html.append("<li><b>").append(escape(a.labels().getOrDefault("alertname", ""))).append("</b> ")
            .append(escape(a.labels().toString()));
        a.annotations().forEach((k, v) -> {
          text.append("    ").append(k).append(": ").append(v).append('\n');
          html.append("<br>").append(escape(k)).append(": ").append(escape(v));
        });
        text.append("    started: ").append(AlertJson.time(a.startsAt())).append('\n');
        if (!a.generatorUrl().isEmpty()) {
          text.append("    source: ").append(a.generatorUrl()).append('\n');
          html.append("<br><a href=\"").append(escape(a.generatorUrl())).append("\">source</a>");
        }
        html.append("</li>");
      }
      html.append("</ul>");
    }
    if (!n.externalUrl().isEmpty()) {
      text.append("\n").append(n.externalUrl()).append('\n');
    }
    html.append("</body></html>");
    ObjectNode root = AlertJson.MAPPER.createObjectNode();
    root.put("from", config.from());
    config.to().forEach(root.putArray("to")::add);
    root.put("subject", n.subject());
    root.put("text", text.toString());
    root.put("html", html.toString());
    return AlertJson.write(root);
  }

  @Override
  public void deliver(String payload) throws DeliveryException {
    String where = "smtp://" + config.host() + ":" + config.port();
    try {
      JsonNode mail = AlertJson.MAPPER.readTree(payload);
      Session session = Session.getInstance(properties());
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(mail.path("from").asText()));
      for (JsonNode to : mail.path("to")) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to.asText()));
      }
      message.setSubject(mail.path("subject").asText(), "UTF-8");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.path("text").asText(), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(mail.path("html").asText(), "text/html; charset=UTF-8");
      message.setContent(new MimeMultipart("alternative", text, html));
      if (config.authUsername() != null) {
        Transport.send(message, config.authUsername(), config.authPassword());
      } else {
        Transport.send(message);
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryException(where + ": authentication failed: " + e.getMessage(), false, e);
    } catch (SendFailedException e) {
      // Refused addresses stay refused; trying again cannot help.
      throw new DeliveryException(where + ": " + e.getMessage(), false, e);
    } catch (MessagingException | java.io.IOException e) {
      throw new DeliveryException(where + ": " + e, true, e);
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("mail.smtp.host", config.host());
    p.put("mail.smtp.port", Integer.toString(config.port()));
    p.put("mail.smtp.auth", Boolean.toString(config.authUsername() != null));
    boolean starttls = config.requireTls() && !config.implicitTls();
    p.put("mail.smtp.ssl.enable", Boolean.toString(config.implicitTls()));
    p.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
    p.put("mail.smtp.starttls.required", Boolean.toString(starttls));
    if (config.insecureSkipVerify()) {
      p.put("mail.smtp.ssl.trust", "*");
      p.put("mail.smtp.ssl.checkserveridentity", "false");
    } else {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    p.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
    return p;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
