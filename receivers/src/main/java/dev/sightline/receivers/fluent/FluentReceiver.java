package dev.sightline.receivers.fluent;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.IngestOutcome;
import dev.sightline.receivers.otlp.OtlpIngest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fluent Forward receiver: TCP for messages, UDP on the same port for the heartbeats Fluentd's
 * {@code out_forward} sends to tell whether a server is alive. Each connection is served by its own
 * virtual thread ({@link FluentConnection}); records go through the OTLP ingest path as logs with
 * transport {@code fluent}. Shutdown stops accepting, lets each connection finish storing (and
 * acknowledging) the message it holds, and then closes it.
 */
public final class FluentReceiver implements Component {
  private static final Logger log = LoggerFactory.getLogger(FluentReceiver.class);
  private static final String TRANSPORT = "fluent";
  private final FluentSettings settings;
  private final OtlpIngest ingest;
  private final String tenant;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final Map<FluentConnection, Thread> connections = new ConcurrentHashMap<>();
  private @Nullable ServerSocket tcp;
  private @Nullable DatagramSocket udp;
  private volatile boolean stopping;

  public FluentReceiver(FluentSettings settings, OtlpIngest ingest, String tenant, Clock clock, SelfMetrics metrics) {
    this.settings = settings;
    this.ingest = ingest;
    this.tenant = tenant;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void start() {
    try {
      tcp = new ServerSocket();
      tcp.bind(settings.address());
      udp = new DatagramSocket(new InetSocketAddress(settings.address().getAddress(), tcp.getLocalPort()));
    } catch (IOException e) {
      throw new IllegalStateException("Fluent Forward cannot listen on " + settings.address() + ": " + e.getMessage(), e);
    }
    Thread.ofPlatform().name("sightline-fluent-accept").daemon().start(this::accept);
    Thread.ofPlatform().name("sightline-fluent-heartbeat").daemon().start(this::answerHeartbeats);
    log.info("Fluent Forward listening on TCP and UDP {}", port());
  }

  /** The port TCP and UDP listen on. */
  public int port() {
    return tcp == null ? settings.address().getPort() : tcp.getLocalPort();
  }

  private void accept() {
    while (!stopping) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (SocketException e) {
        return; // closed at shutdown
      } catch (IOException e) {
        log.warn("Fluent Forward accept failed: {}", e.getMessage());
        continue;
      }
      if (connections.size() >= settings.maxConnections()) {
        closed("too_many_connections");
        log.warn("Fluent Forward connection from {} refused: {} connections open", socket.getRemoteSocketAddress(),
            settings.maxConnections());
        close(socket);
        continue;
      }
      FluentConnection connection = new FluentConnection(socket, this);
      Thread thread = Thread.ofVirtual().name("sightline-fluent-conn").unstarted(() -> {
        try {
          connection.serve();
        } finally {
          connections.remove(connection);
        }
      });
      connections.put(connection, thread);
      thread.start();
    }
  }

  /** Fluentd's heartbeat is any datagram; the answer is a single zero byte back to the sender. */
  private void answerHeartbeats() {
    byte[] buffer = new byte[64];
    while (!stopping) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        udp.send(new DatagramPacket(new byte[] {0}, 1, packet.getSocketAddress()));
      } catch (IOException e) {
        if (!stopping) {
          log.debug("Fluent Forward heartbeat failed: {}", e.getMessage());
        }
      }
    }
  }

  FluentSettings settings() {
    return settings;
  }

  boolean stopping() {
    return stopping;
  }

  long nowNanos() {
    return clock.millis() * 1_000_000L;
  }

  CompletableFuture<IngestOutcome> ingest(ExportLogsServiceRequest request) {
    return ingest.logs(request, null, TRANSPORT, tenant);
  }

  void count(String outcome, long records) {
    if (records > 0) {
      metrics.counter("sightline_fluent_records_total",
          "Fluent Forward records received, by outcome (accepted, malformed, invalid, refused).", "outcome", outcome).add(records);
    }
  }

  void closed(String reason) {
    metrics.counter("sightline_fluent_connections_closed_total",
        "Fluent Forward connections closed by the receiver, by reason (malformed, too_large, refused, timeout, unauthenticated, too_many_connections, error).",
        "reason", reason).increment();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing a refused Fluent Forward connection", e);
    }
  }

  /** Stops accepting, waits for the messages being stored to be stored and acknowledged, then closes. */
  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    try {
      if (tcp != null) {
        tcp.close();
      }
    } catch (IOException e) {
      log.debug("closing the Fluent Forward listener", e);
    }
    if (udp != null) {
      udp.close();
    }
    connections.keySet().forEach(FluentConnection::stopReading);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<FluentConnection, Thread> c : connections.entrySet()) {
      try {
        c.getValue().join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connections.keySet().forEach(FluentConnection::close);
  }
}
