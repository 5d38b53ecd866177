package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 with client certificates on every listener, certificates made by openssl here: the
 * OpenTelemetry SDK's exporter with the right client certificate is let in and its role comes from
 * the certificate's name; no certificate, or one from another CA, never gets past the handshake.
 */
class MutualTlsTest {
  @TempDir Path dir;
  private Path certs;

  private void openssl(String... args) throws Exception {
    Process p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("openssl"), java.util.Arrays.stream(args)).toList())
        .directory(certs.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ": " + out).isZero();
  }

  private void certificate(String name, String cn, String ca, String extensions) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
    Files.writeString(certs.resolve(name + ".ext"), extensions);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
        "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    openssl("pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-out", name + ".p12", "-passout", "pass:test");
  }

  @BeforeEach
  void makeCertificates() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    certs = Files.createDirectories(dir.resolve("certs"));
    for (String ca : List.of("ca", "other-ca")) {
      openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key", "-out", ca + ".pem", "-days", "2",
          "-subj", "/CN=" + ca);
    }
    certificate("server", "localhost", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    certificate("collector", "collector", "ca", "extendedKeyUsage=clientAuth\n");
    certificate("intruder", "collector", "other-ca", "extendedKeyUsage=clientAuth\n");
  }

  private HttpClient client(String clientName) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream ca = Files.newInputStream(certs.resolve("ca.pem"))) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientName != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(certs.resolve(clientName + ".p12"))) {
        keys.load(in, "test".toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "test".toCharArray());
    }
    SSLContext ssl = SSLContext.getInstance("TLSv1.3");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  /** The serial number of the certificate the server presents on a new connection. */
  private static java.math.BigInteger serverSerial(HttpClient client, String api) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(api + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    return ((java.security.cert.X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
  }

  @Test
  void onlyClientsWithACertificateOfTheConfiguredCaGetIn() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--tls.cert=" + certs.resolve("server.pem"),
        "--tls.key=" + certs.resolve("server.key"), "--tls.client.ca=" + certs.resolve("ca.pem"),
        "--auth.enabled=true", "--auth.admin.key=unused-admin-key", "--auth.mtls.roles=collector=operator",
        "--tls.reload.interval=200ms")) {
      String otlp = "https://127.0.0.1:" + server.server.otlpHttpPort();
      OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(otlp + "/v1/traces")
          .setTrustedCertificates(Files.readAllBytes(certs.resolve("ca.pem")))
          .setClientTls(Files.readAllBytes(certs.resolve("collector.key")), Files.readAllBytes(certs.resolve("collector.pem")))
          .build();
      SdkTracerProvider tracer = SdkTracerProvider.builder()
          .setResource(Resource.getDefault().toBuilder().put("service.name", "mtls-service").build())
          .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
      Span span = tracer.get("test").spanBuilder("handshake").startSpan();
      String traceId = span.getSpanContext().getTraceId();
      span.end();
      CompletableResultCode flushed = tracer.forceFlush().join(30, TimeUnit.SECONDS);
      assertThat(flushed.isSuccess()).as("the SDK exporter with the right client certificate").isTrue();
      tracer.shutdown().join(10, TimeUnit.SECONDS);

      HttpClient collector = client("collector");
      String api = "https://127.0.0.1:" + server.server.httpPort();
      TestServer.await("the span, read with the collector's certificate (role operator)", () -> {
        try {
          return collector.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/traces/" + traceId)).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
          return false;
        }
      });
      HttpResponse<String> keys = collector.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/keys")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(keys.statusCode()).as("an operator is not an admin").isEqualTo(403);
      assertThat(keys.body()).contains("role operator of cert:collector lacks admin:system");

      assertThatThrownBy(() -> client(null).send(HttpRequest.newBuilder(URI.create(api + "/health")).build(),
          HttpResponse.BodyHandlers.ofString())).as("no client certificate").isInstanceOf(IOException.class);
      assertThatThrownBy(() -> client("intruder").send(HttpRequest.newBuilder(URI.create(api + "/health")).build(),
          HttpResponse.BodyHandlers.ofString())).as("a certificate of another CA").isInstanceOf(IOException.class);
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.server.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
          .as("plain HTTP").isInstanceOf(IOException.class);

      java.math.BigInteger before = serverSerial(collector, api);
      certificate("renewed", "localhost", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      Files.copy(certs.resolve("renewed.key"), certs.resolve("server.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(certs.resolve("renewed.pem"), certs.resolve("server.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      TestServer.await("the renewed certificate in use", () -> {
        try {
          return !serverSerial(client("collector"), api).equals(before);
        } catch (Exception e) {
          return false;
        }
      });
    }
  }
}
