package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack, PagerDuty, a webhook receiver or an
 * Alertmanager: it records every request and answers with scripted statuses (then 200).
 */
final class RecordingEndpoint implements AutoCloseable {
  record Request(String method, String path, String contentType, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private volatile int defaultStatus = 200;

  RecordingEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
      Integer scripted = statuses.poll();
      int status = scripted != null ? scripted : defaultStatus;
      byte[] reply = (status / 100 == 2 ? "ok" : "failure " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next answers, in order; after them every request gets {@link #alwaysAnswer}'s status. */
  void answer(Integer... codes) {
    statuses.addAll(List.of(codes));
  }

  void alwaysAnswer(int status) {
    defaultStatus = status;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Polls (bounded) until {@code n} requests arrived, for deliveries that run on their own threads. */
  List<Request> await(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (requests.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return requests();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
