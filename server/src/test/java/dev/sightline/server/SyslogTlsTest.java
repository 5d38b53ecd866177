package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sightline.server.config.ConfigException;
import dev.sightline.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS (RFC 5425) from a JDK client with TLS 1.3 and 1.2, and TLS configuration that
 * stops start-up. The certificate comes from the openssl command; without it the TLS test is skipped.
 */
class SyslogTlsTest {
  private static final String LOGS = "/api/v1/logs?service=";
  @TempDir Path dir;

  @Test
  void tlsFromAJdkClient() throws Exception {
    assumeTrue(certificate(dir), "the openssl command is not installed; the TLS test cannot make a certificate");
    try (TestServer server = new TestServer(dir.resolve("data"), "--syslog.enabled=true", "--syslog.udp.port=0",
        "--syslog.tcp.port=0", "--syslog.tls.port=0", "--syslog.tls.cert=" + dir.resolve("cert.pem"),
        "--syslog.tls.key=" + dir.resolve("key.pem"))) {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.server.syslogTlsPort())) {
          socket.setEnabledProtocols(new String[] {protocol});
          String m = "<86>1 - bastion sshd 1 - - accepted key over " + protocol;
          socket.getOutputStream().write((m.length() + " " + m).getBytes(StandardCharsets.UTF_8));
          socket.getOutputStream().flush();
          assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        }
      }
      TestServer.await("the TLS messages", () -> server.getJson(LOGS + "sshd").get("logs").size() == 2);
      JsonNode log = server.getJson(LOGS + "sshd").get("logs").get(0);
      assertThat(log.get("attributes").get("syslog.facility").asText()).isEqualTo("authpriv");
      assertThat(log.get("body").asText()).startsWith("accepted key over TLSv1.");
    }
  }

  @Test
  void badTlsConfigurationStopsStartUpNamingTheKey() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--syslog.tls.cert=" + dir.resolve("missing.pem")), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("syslog.tls.cert: '").hasMessageContaining("is not a readable file");
    Files.writeString(dir.resolve("cert.pem"), "not a certificate");
    assertThatThrownBy(() -> ConfigLoader.load(List.of("--syslog.tls.cert=" + dir.resolve("cert.pem")), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("syslog.tls.cert and syslog.tls.key: set both or neither");
    Files.writeString(dir.resolve("key.pem"), "not a key");
    assertThatThrownBy(() -> new TestServer(dir.resolve("data"), "--syslog.enabled=true", "--syslog.udp.port=0",
        "--syslog.tcp.port=0", "--syslog.tls.port=0", "--syslog.tls.cert=" + dir.resolve("cert.pem"),
        "--syslog.tls.key=" + dir.resolve("key.pem")))
        .hasMessageContaining("syslog.tls.cert: ");
  }

  /** A self-signed certificate and key in {@code dir}, made with the openssl command; false without it. */
  static boolean certificate(Path dir) throws IOException, InterruptedException {
    if (Files.exists(dir.resolve("cert.pem"))) {
      return true;
    }
    try {
      Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
          "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
          "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false; // no openssl command
    }
  }


  /** The test's own self-signed certificate is the server's; nothing else is reached. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
