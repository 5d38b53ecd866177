package dev.sightline.receivers.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of syslog over TLS (RFC 5425) from PEM files, with the JDK alone: a certificate
 * chain, and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}, what {@code openssl req
 * -newkey} and {@code openssl genpkey} write). Clients are not asked for certificates.
 */
final class SyslogTls {
  private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----",
      Pattern.DOTALL);
  private static final char[] STORE_PASSWORD = "sightline".toCharArray(); // in memory only

  private SyslogTls() {}

  /** @throws IllegalArgumentException naming the configuration key and what is wrong */
  static SSLContext serverContext(Path certPem, Path keyPem) {
    Certificate[] chain = certificates(certPem);
    PrivateKey key = privateKey(keyPem);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("syslog", key, STORE_PASSWORD, chain);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, STORE_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("syslog.tls.cert, syslog.tls.key: the certificate and key of " + certPem
          + " and " + keyPem + " cannot be used for TLS: " + e.getMessage(), e);
    }
  }

  private static Certificate[] certificates(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("syslog.tls.cert: " + pem + " holds no PEM certificate");
      }
      return chain.toArray(Certificate[]::new);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("syslog.tls.cert: " + pem + " is not a readable PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem);
    } catch (IOException e) {
      throw new IllegalArgumentException("syslog.tls.key: " + pem + " cannot be read: " + e.getMessage(), e);
    }
    Matcher m = PKCS8.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("syslog.tls.key: " + pem + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); "
          + "convert it with: openssl pkcs8 -topk8 -nocrypt -in " + pem + " -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("syslog.tls.key: the key in " + pem + " is not an RSA, EC or Ed25519 key");
  }
}
