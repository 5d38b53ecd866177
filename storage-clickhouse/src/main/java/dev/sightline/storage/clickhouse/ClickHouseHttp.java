package dev.sightline.storage.clickhouse;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.breaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's HTTP interface: statements in the body, inserts with the statement in the URL and
 * RowBinary rows in the body, answers in RowBinary. Query parameters arrived only in 19.x, so
 * values are inlined as literals ({@link Sql}). Every request passes the circuit breaker: when the
 * server could not be reached several times in a row, requests fail at once until a trial
 * succeeds (an answer with an error status still counts as reachable).
 */
final class ClickHouseHttp implements AutoCloseable {
  private static final Duration RECENT = Duration.ofSeconds(2);
  private final ClickHouseConfig config;
  private final HttpClient client;
  private final String database;
  private final CircuitBreaker breaker;
  private final java.util.concurrent.atomic.AtomicLong lastAnswer;

  ClickHouseHttp(ClickHouseConfig config, String database, java.time.InstantSource clock) {
    this(config, database, HttpClient.newBuilder().connectTimeout(config.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1).build(), new CircuitBreaker(config.breaker(), clock),
        new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - RECENT.toNanos()));
  }

  private ClickHouseHttp(ClickHouseConfig config, String database, HttpClient client, CircuitBreaker breaker,
      java.util.concurrent.atomic.AtomicLong lastAnswer) {
    this.config = config;
    this.database = database;
    this.client = client;
    this.breaker = breaker;
    this.lastAnswer = lastAnswer;
  }

  /** The same server, connections and breaker, statements run in {@code other} by default. */
  ClickHouseHttp in(String other) {
    return new ClickHouseHttp(config, other, client, breaker, lastAnswer);
  }

  /**
   * Whether the server answers: yes when a request was answered in the last {@link #RECENT}, no
   * while the breaker is open, else what {@code /ping} says within a second (which the breaker
   * counts). For {@code /ready} of a node that may send no other request for a while.
   */
  boolean reachable() {
    if (System.nanoTime() - lastAnswer.get() < RECENT.toNanos()) {
      return true;
    }
    if (!breaker.tryAcquire()) {
      return false;
    }
    HttpRequest ping = HttpRequest.newBuilder(URI.create(config.url().toString().replaceAll("/+$", "") + "/ping"))
        .timeout(Duration.ofSeconds(1)).GET().build();
    try {
      client.send(ping, HttpResponse.BodyHandlers.discarding());
      breaker.onSuccess();
      lastAnswer.set(System.nanoTime());
      return true;
    } catch (IOException e) {
      breaker.onFailure();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      breaker.onAbandoned();
      return false;
    }
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** Closes the connections of this and every {@link #in} view of it. */
  @Override
  public void close() {
    client.close();
  }

  /** Runs a statement that returns nothing of interest (DDL, ALTER). */
  void execute(String what, String sql) {
    send(what, null, sql.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs a SELECT and returns its rows in RowBinary. */
  RowBinaryInput query(String what, String sql) {
    return new RowBinaryInput(send(what, null, (sql + " FORMAT RowBinary").getBytes(StandardCharsets.UTF_8)));
  }

  /** Runs a SELECT of one String column and returns its values. */
  List<String> strings(String what, String sql) {
    RowBinaryInput in = query(what, sql);
    List<String> out = new ArrayList<>();
    while (in.hasMore()) {
      out.add(in.string());
    }
    return out;
  }

  /** Inserts rows already encoded in RowBinary, in the column order given. */
  void insert(String table, String columns, byte[] rows) {
    send("inserting into " + table, "INSERT INTO " + table + " (" + columns + ") FORMAT RowBinary", rows);
  }

  private byte[] send(String what, String query, byte[] body) {
    StringBuilder uri = new StringBuilder(config.url().toString().replaceAll("/+$", ""))
        .append("/?database=").append(encode(database));
    if (query != null) {
      uri.append("&query=").append(encode(query));
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString()))
        .timeout(config.queryTimeout())
        // credentials in headers (18.16 reads them too), so that they appear in no URL or log
        .header("X-ClickHouse-User", config.user())
        .header("X-ClickHouse-Key", config.password())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    if (!breaker.tryAcquire()) {
      throw new StorageException(what + ": ClickHouse at " + config.url() + " is unavailable (circuit breaker open after "
          + config.breaker().failureThreshold() + " failures in a row; next trial in " + breaker.retryAfterSeconds() + " s)");
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      breaker.onSuccess();
      lastAnswer.set(System.nanoTime());
    } catch (IOException e) {
      breaker.onFailure();
      throw unreachable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      breaker.onAbandoned();
      throw new StorageException(what + ": interrupted", e);
    }
    if (response.statusCode() != 200) {
      String message = new String(response.body(), StandardCharsets.UTF_8).strip();
      throw new StorageException(what + " failed: ClickHouse at " + config.url() + " answered "
          + response.statusCode() + ": " + message);
    }
    return response.body();
  }

  private StorageException unreachable(String what, IOException e) {
    if (e instanceof ConnectException) {
      return new StorageException(what + ": cannot reach ClickHouse at " + config.url()
          + " (connection refused or unreachable)", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new StorageException(what + ": ClickHouse at " + config.url() + " did not answer within "
          + config.queryTimeout(), e);
    }
    return new StorageException(what + ": cannot reach ClickHouse at " + config.url() + ": " + e, e);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
