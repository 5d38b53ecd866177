package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static dev.sightline.alerting.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.sightline.alerting.NotifiableAlert;
import dev.sightline.pipeline.SelfMetrics;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email through a real SMTP server (GreenMail) with authentication. GreenMail has no STARTTLS, so
 * these tests run with {@code require_tls: false}.
 */
class EmailChannelTest {
  private static final String CONFIG = """
      route: {receiver: mail, group_by: [alertname], group_wait: 0s}
      retry: {initial_backoff: 10ms, max_backoff: 10ms, max_attempts: 2}
      receivers:
        - name: mail
          email_configs:
            - to: [oncall@example.com, lead@example.com]
              from: 'Sightline <sightline@example.com>'
              smarthost: 127.0.0.1:%d
              auth_username: sightline
              auth_password: %s
              require_tls: false
      """;
  private static final NotifiableAlert ALERT = firing(Map.of("alertname", "HighErrorRate", "service", "checkout",
      "severity", "critical"));

  @TempDir Path dir;
  private GreenMail smtp;
  private final ManualClock clock = new ManualClock(T0);
  private final SelfMetrics metrics = new SelfMetrics();

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline", "s3cret"));
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private NotificationDispatcher dispatcher(String password) {
    return NotificationDispatcher.builder(TestAlerts.config(CONFIG.formatted(smtp.getSmtp().getPort(), password)))
        .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();
  }

  @Test
  void firingAlertIsMailedWithTextAndHtmlParts() throws Exception {
    NotificationDispatcher d = dispatcher("s3cret");
    d.send(List.of(ALERT));
    d.tick();
    assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).as("%d messages", received.length).isNotEmpty();
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING:1] HighErrorRate (checkout critical)");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Sightline <sightline@example.com>");
    assertThat(List.of(m.getAllRecipients()).stream().map(Object::toString))
        .containsExactly("oncall@example.com", "lead@example.com");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    String text = GreenMailUtil.getBody(parts.getBodyPart(0));
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(text).contains("1 firing:").contains("alertname=HighErrorRate").contains("summary: errors above 5%");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("<b>HighErrorRate</b>");
    awaitCount("sent", 1);
    d.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void wrongPasswordFailsWithoutRetryIntoTheDeadLetterFile() throws Exception {
    NotificationDispatcher d = dispatcher("wrong");
    d.send(List.of(ALERT));
    d.tick();
    awaitCount("failed", 1);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(d.deadLetters(10)).singleElement().satisfies(letter -> {
      assertThat(letter.channel()).isEqualTo("email");
      assertThat(letter.attempts()).isEqualTo(1);
      assertThat(letter.lastError()).contains("authentication failed");
      assertThat(letter.payload()).contains("[FIRING:1] HighErrorRate (checkout critical)");
    });
    d.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void implicitTlsWithAuthDeliversOverSmtps() throws Exception {
    GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline", "s3cret"));
    smtps.start();
    try {
      // GreenMail's certificate is self-signed, hence insecure_skip_verify.
      String yaml = CONFIG.formatted(smtps.getSmtps().getPort(), "s3cret").replace("require_tls: false",
          "implicit_tls: true\n        tls_config: {insecure_skip_verify: true}");
      NotificationDispatcher d = NotificationDispatcher.builder(TestAlerts.config(yaml))
          .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();
      d.send(List.of(ALERT));
      d.tick();
      assertThat(smtps.waitForIncomingEmail(5000, 1)).as("%s", d.deadLetters(5)).isTrue();
      assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("[FIRING:1] HighErrorRate (checkout critical)");
      d.shutdown(Duration.ofSeconds(5));
    } finally {
      smtps.stop();
    }
  }

  @Test
  void requiredStarttlsThatTheServerDoesNotOfferIsRefused() throws Exception {
    String yaml = CONFIG.formatted(smtp.getSmtp().getPort(), "s3cret").replace("require_tls: false",
        "require_tls: true");
    NotificationDispatcher d = NotificationDispatcher.builder(TestAlerts.config(yaml))
        .silences(TestSilences.in(dir, clock)).dataDirectory(dir).clock(clock).metrics(metrics).build();
    d.send(List.of(ALERT));
    d.tick();
    awaitCount("failed", 1);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(d.deadLetters(1).get(0).lastError()).containsIgnoringCase("STARTTLS");
    d.shutdown(Duration.ofSeconds(5));
  }

  private void awaitCount(String outcome, long n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (metrics.value("sightline_notifications_total", "receiver", "mail", "channel", "email", "outcome", outcome)
        < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(metrics.value("sightline_notifications_total", "receiver", "mail", "channel", "email",
        "outcome", outcome)).isEqualTo(n);
  }
}
