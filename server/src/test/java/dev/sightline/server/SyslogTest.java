package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog end to end: a real rsyslogd forwards what it receives to Sightline over TCP (octet-counted
 * and LF framing), UDP and TLS, in RFC 5424 and the traditional RFC 3164 format, and the records are
 * found again through the log search API; one connection mixing good and garbage frames keeps the
 * good ones and stores the garbage with its parse error. TLS from a JDK client: {@link SyslogTlsTest}.
 */
class SyslogTest {
  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
  private static final Path GTLS_DRIVER = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so");
  /** RFC 3164 timestamps have no year; a year back covers any this-year date the tests send. */
  private static final String LOGS = "/api/v1/logs?lookback=9000h&service=";
  @TempDir Path dir;
  private @Nullable Process rsyslog;

  @AfterEach
  void stopRsyslog() throws InterruptedException {
    Process p = rsyslog;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void rsyslogForwardsOverTcpUdpAndTls() throws Exception {
    assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls); "
        + "the rsyslog end-to-end test is skipped");
    boolean tls = Files.exists(GTLS_DRIVER) && SyslogTlsTest.certificate(dir);
    if (!tls) {
      System.err.println("SyslogTest: rsyslog's gtls driver (rsyslog-gnutls) or openssl is missing; "
          + "the rsyslog TLS case is skipped, tlsFromAJdkClient still covers TLS");
    }
    List<String> flags = new ArrayList<>(List.of("--syslog.enabled=true", "--syslog.udp.port=0", "--syslog.tcp.port=0",
        "--syslog.tls.port=0"));
    if (tls) {
      flags.addAll(List.of("--syslog.tls.cert=" + dir.resolve("cert.pem"), "--syslog.tls.key=" + dir.resolve("key.pem")));
    }
    try (TestServer server = new TestServer(dir.resolve("data"), flags.toArray(String[]::new))) {
      SightlineServer s = server.server;
      int input = freePort();
      String to = "action(type=\"omfwd\" target=\"127.0.0.1\" ";
      String conf = """
          global(workDirectory="%s" maxMessageSize="64k"%s)
          module(load="imtcp")
          input(type="imtcp" port="%d" address="127.0.0.1")
          if $programname == "via-octet" then { %sport="%d" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format") stop }
          if $programname == "via-lf" then { %sport="%d" protocol="tcp" template="RSYSLOG_SyslogProtocol23Format") stop }
          if $programname == "via-udp" then { %sport="%d" protocol="udp" template="RSYSLOG_TraditionalForwardFormat") stop }
          if $programname == "via-tcp3164" then { %sport="%d" protocol="tcp" template="RSYSLOG_TraditionalForwardFormat") stop }
          %s
          action(type="omfile" file="%s")
          """.formatted(dir.resolve("work"), tls ? " DefaultNetstreamDriverCAFile=\"" + dir.resolve("cert.pem") + "\"" : "",
          input, to, s.syslogTcpPort(), to, s.syslogTcpPort(), to, s.syslogUdpPort(), to, s.syslogTcpPort(),
          tls ? "if $programname == \"via-tls\" then { " + to + "port=\"" + s.syslogTlsPort() + "\" protocol=\"tcp\" "
              + "StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"anon\" TCP_Framing=\"octet-counted\" "
              + "template=\"RSYSLOG_SyslogProtocol23Format\") stop }" : "",
          dir.resolve("rsyslog-internal.log"));
      Files.createDirectories(dir.resolve("work"));
      Files.writeString(dir.resolve("rsyslog.conf"), conf);
      rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
          "-i", dir.resolve("rsyslog.pid").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslog.out").toFile()).start();
      Process started = rsyslog;
      TestServer.await("rsyslogd to listen on 127.0.0.1:" + input, () -> {
        if (!started.isAlive()) {
          throw new AssertionError("rsyslogd exited with " + started.exitValue() + ": " + read(dir.resolve("rsyslog.out")));
        }
        return canConnect(input);
      });

      Instant t = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      String z = DateTimeFormatter.ISO_INSTANT.format(t);
      String millis = DateTimeFormatter.ISO_INSTANT.format(t.plusMillis(123));
      String plusTwo = t.plusMillis(500).atOffset(ZoneOffset.ofHours(2)).toString();
      List<String> messages = new ArrayList<>(List.of(
          "<165>1 " + millis + " web-1 via-octet 4242 ORDER [order@32473 id=\"17\" note=\"say \\\"hi\\\" \\]\"] payment declined",
          "<11>1 " + plusTwo + " db-2 via-lf - - - disk full",
          "<30>1 " + z + " web-3 via-udp 77 - - cache warmed",
          // RFC 3164 out of rsyslog: the tag is app[procid] without a colon; give a PROCID, as a bare
          // app name cannot be told from the message's first word.
          "<12>1 " + z + " web-4 via-tcp3164 5 - - queue is long"));
      if (tls) {
        messages.add("<10>1 " + millis + " vault-5 via-tls 9 AUDIT [audit@1 user=\"ada\"] over tls");
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), input); OutputStream out = socket.getOutputStream()) {
        for (String m : messages) {
          out.write((m + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      long nanos = t.getEpochSecond() * 1_000_000_000L;
      for (String service : List.of("via-octet", "via-lf", "via-udp", "via-tcp3164")) {
        awaitLog(server, service);
      }

      JsonNode octet = onlyLog(server, "via-octet");
      assertThat(octet.get("body").asText()).isEqualTo("payment declined");
      assertThat(octet.get("timeUnixNano").asLong()).isEqualTo(nanos + 123_000_000L);
      assertThat(octet.get("severityText").asText()).isEqualTo("notice");
      assertThat(octet.get("severityNumber").asInt()).isEqualTo(10);
      assertThat(resource(octet)).containsEntry("host.name", "web-1").containsEntry("service.name", "via-octet");
      JsonNode attrs = octet.get("attributes");
      assertThat(attrs.get("syslog.facility").asText()).isEqualTo("local4");
      assertThat(attrs.get("syslog.procid").asText()).isEqualTo("4242");
      assertThat(attrs.get("syslog.msgid").asText()).isEqualTo("ORDER");
      assertThat(attrs.get("syslog.structured_data.order@32473.id").asText()).isEqualTo("17");
      assertThat(attrs.get("syslog.structured_data.order@32473.note").asText()).isEqualTo("say \"hi\" ]");
      assertThat(attrs.get("net.peer.ip").asText()).isEqualTo("127.0.0.1");

      JsonNode lf = onlyLog(server, "via-lf");
      assertThat(lf.get("body").asText()).isEqualTo("disk full");
      assertThat(lf.get("timeUnixNano").asLong()).as("+02:00 read as an offset").isEqualTo(nanos + 500_000_000L);
      assertThat(lf.get("severityText").asText()).isEqualTo("err");
      assertThat(lf.get("severityNumber").asInt()).isEqualTo(17);
      assertThat(lf.get("attributes").get("syslog.facility").asText()).isEqualTo("user");
      assertThat(resource(lf)).containsEntry("host.name", "db-2");

      JsonNode udp = onlyLog(server, "via-udp");
      assertThat(udp.get("body").asText()).isEqualTo("cache warmed");
      assertThat(udp.get("timeUnixNano").asLong()).as("RFC 3164: seconds, this year, UTC").isEqualTo(nanos);
      assertThat(udp.get("severityText").asText()).isEqualTo("info");
      assertThat(udp.get("severityNumber").asInt()).isEqualTo(9);
      assertThat(udp.get("attributes").get("syslog.facility").asText()).isEqualTo("daemon");
      assertThat(udp.get("attributes").get("syslog.procid").asText()).isEqualTo("77");
      assertThat(resource(udp)).containsEntry("host.name", "web-3");

      JsonNode bsd = onlyLog(server, "via-tcp3164");
      assertThat(bsd.get("body").asText()).isEqualTo("queue is long");
      assertThat(bsd.get("severityText").asText()).isEqualTo("warning");
      assertThat(bsd.get("severityNumber").asInt()).isEqualTo(13);
      assertThat(bsd.get("timeUnixNano").asLong()).isEqualTo(nanos);

      if (tls) {
        awaitLog(server, "via-tls");
        JsonNode secure = onlyLog(server, "via-tls");
        assertThat(secure.get("body").asText()).isEqualTo("over tls");
        assertThat(secure.get("severityNumber").asInt()).isEqualTo(18);
        assertThat(secure.get("attributes").get("syslog.structured_data.audit@1.user").asText()).isEqualTo("ada");
      }
      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_syslog_messages_total{transport=\"udp\",outcome=\"parsed\"} 1",
          "sightline_syslog_messages_total{transport=\"tcp\",outcome=\"parsed\"} 3");
      if (tls) {
        assertThat(metrics).contains("sightline_syslog_messages_total{transport=\"tls\",outcome=\"parsed\"} 1");
      }
      assertThat(metrics).doesNotContain("outcome=\"parse_error\"");
    }
  }

  @Test
  void goodFramesAroundGarbageAreKeptAndTheGarbageIsStoredWithItsError() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--syslog.enabled=true", "--syslog.udp.port=0",
        "--syslog.tcp.port=0", "--syslog.max.message.bytes=1KiB");
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.server.syslogTcpPort());
        DatagramSocket udp = new DatagramSocket()) {
      String counted = "<14>Oct 11 22:14:15 host-a mixed: good two";
      String stream = "<13>1 - host-a mixed - - - good one\n"
          + "this is not syslog\n"
          + counted.length() + " " + counted
          + "<999>bad pri\n"
          + "<13>1 - host-a mixed - - [broken sd\n"
          + "<13>" + "x".repeat(2000) + "\n"
          + "<13>1 - host-a mixed - - - good three\n";
      socket.getOutputStream().write(stream.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      byte[] datagram = "not syslog either".getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), server.server.syslogUdpPort()));

      TestServer.await("the good messages", () -> server.getJson(LOGS + "mixed").get("logs").size() == 3);
      TestServer.await("the bad messages", () -> server.getJson(LOGS + "unknown_service").get("logs").size() == 5);
      List<String> good = new ArrayList<>();
      server.getJson(LOGS + "mixed").get("logs").forEach(l -> good.add(l.get("body").asText()));
      assertThat(good).containsExactlyInAnyOrder("good one", "good two", "good three");

      Map<String, String> errors = new java.util.HashMap<>();
      server.getJson(LOGS + "unknown_service").get("logs").forEach(l -> errors.put(
          l.get("body").asText().substring(0, Math.min(20, l.get("body").asText().length())),
          l.get("attributes").get("syslog.parse_error").asText()));
      assertThat(errors).containsEntry("this is not syslog", "PRI: expected '<' and a number 0 to 191 at the start, e.g. <34>")
          .containsEntry("not syslog either", "PRI: expected '<' and a number 0 to 191 at the start, e.g. <34>")
          .containsEntry("<999>bad pri", "PRI: 999 is out of range; expected 0 to 191 (facility * 8 + severity)")
          .containsEntry("<13>1 - host-a mixed", "STRUCTURED-DATA [broken]: expected =\"value\" after sd");
      assertThat(errors.get("<13>xxxxxxxxxxxxxxxx")).contains("longer than 1024 bytes (syslog.max.message.bytes)");

      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_syslog_messages_total{transport=\"tcp\",outcome=\"parsed\"} 3",
          "sightline_syslog_messages_total{transport=\"tcp\",outcome=\"parse_error\"} 4",
          "sightline_syslog_messages_total{transport=\"udp\",outcome=\"parse_error\"} 1");
    }
  }

  private static void awaitLog(TestServer server, String service) {
    TestServer.await("a log of " + service, () -> server.getJson(LOGS + "" + service).get("logs").size() > 0);
  }

  private static JsonNode onlyLog(TestServer server, String service) {
    JsonNode logs = server.getJson(LOGS + "" + service).get("logs");
    assertThat(logs).as(service).hasSize(1);
    return logs.get(0);
  }

  private static Map<String, String> resource(JsonNode log) {
    Map<String, String> out = new java.util.HashMap<>();
    log.get("resource").get("attributes").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " cannot be read: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean canConnect(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

}
