package dev.sightline.security.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real identity provider's JWKS endpoint on 127.0.0.1, counting the requests it answers. */
final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>("{\"keys\":[]}");
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger status = new AtomicInteger(200);

  JwksServer(JWK... keys) throws IOException {
    publish(keys);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", exchange -> {
      requests.incrementAndGet();
      byte[] bytes = status.get() == 200 ? body.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  /** Publishes the public halves of these keys, replacing what was published. */
  void publish(JWK... keys) {
    body.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
  }

  /** Answers every request with this HTTP status (200 serves the keys again). */
  void answer(int httpStatus) {
    status.set(httpStatus);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
