package dev.sightline.receivers.statsd;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.OtlpIngest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StatsD over UDP (one or more lines per datagram) and TCP (one line per line), on one port.
 * Malformed lines are counted by reason and skipped; the other lines of the packet are kept.
 * Every flush interval, and at shutdown, the aggregate goes through the OTLP ingest path
 * (validation, ingest log, pipeline) as metrics with transport {@code statsd}. StatsD clients get no
 * acknowledgement, so what arrived since the last flush is lost if the process dies.
 */
public final class StatsdReceiver implements Component {
  private static final Logger log = LoggerFactory.getLogger(StatsdReceiver.class);
  private static final String TRANSPORT = "statsd";
  private static final int MAX_TCP_CONNECTIONS = 256;
  private final InetSocketAddress address;
  private final Duration flushInterval;
  private final OtlpIngest ingest;
  private final String tenant;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final StatsdAggregator aggregator;
  private final Semaphore connections = new Semaphore(MAX_TCP_CONNECTIONS);
  private @Nullable DatagramSocket udp;
  private @Nullable ServerSocket tcp;
  private @Nullable Thread flusher;
  private volatile boolean stopping;

  public StatsdReceiver(InetSocketAddress address, Duration flushInterval, OtlpIngest ingest, String tenant,
      Clock clock, SelfMetrics metrics) {
    this.address = address;
    this.flushInterval = flushInterval;
    this.ingest = ingest;
    this.tenant = tenant;
    this.clock = clock;
    this.metrics = metrics;
    this.aggregator = new StatsdAggregator("statsd", 100_000, nanos());
  }

  @Override
  public void start() {
    try {
      udp = new DatagramSocket(address);
      tcp = new ServerSocket();
      tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()));
    } catch (IOException e) {
      throw new IllegalStateException("StatsD cannot listen on " + address + ": " + e.getMessage(), e);
    }
    Thread.ofPlatform().name("sightline-statsd-udp").daemon().start(this::receiveUdp);
    Thread.ofPlatform().name("sightline-statsd-tcp").daemon().start(this::acceptTcp);
    flusher = Thread.ofPlatform().name("sightline-statsd-flush").daemon().start(this::flushEveryInterval);
    log.info("StatsD listening on UDP and TCP {}", port());
  }

  /** The port both listeners use. */
  public int port() {
    return udp == null ? address.getPort() : udp.getLocalPort();
  }

  private void receiveUdp() {
    byte[] buffer = new byte[65_535];
    while (!stopping) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!stopping) {
          log.warn("StatsD UDP receive failed: {}", e.getMessage());
        }
        continue;
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        take(line);
      }
    }
  }

  private void acceptTcp() {
    while (!stopping) {
      try {
        Socket socket = tcp.accept();
        if (!connections.tryAcquire()) {
          log.warn("StatsD TCP connection from {} refused: {} connections open", socket.getRemoteSocketAddress(), MAX_TCP_CONNECTIONS);
          socket.close();
          continue;
        }
        Thread.ofVirtual().name("sightline-statsd-tcp-conn").start(() -> readTcp(socket));
      } catch (SocketException e) {
        return; // closed at shutdown
      } catch (IOException e) {
        log.warn("StatsD TCP accept failed: {}", e.getMessage());
      }
    }
  }

  private void readTcp(Socket socket) {
    try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      socket.setSoTimeout((int) Duration.ofMinutes(5).toMillis());
      for (String line = in.readLine(); line != null && !stopping; line = in.readLine()) {
        take(line);
      }
    } catch (IOException e) {
      log.debug("StatsD TCP connection ended: {}", e.getMessage());
    } finally {
      connections.release();
    }
  }

  private void take(String raw) {
    String line = raw.strip();
    if (line.isEmpty()) {
      return;
    }
    try {
      if (aggregator.add(StatsdLine.parse(line))) {
        count("accepted");
      } else {
        count("too_many_series");
      }
    } catch (StatsdLine.Malformed e) {
      count("malformed_" + e.reason);
      log.debug("StatsD line skipped: {}", e.getMessage());
    }
  }

  private void count(String outcome) {
    metrics.counter("sightline_statsd_lines_total", "StatsD lines received, by outcome (accepted, malformed_<reason>, too_many_series).",
        "outcome", outcome).increment();
  }

  private void flushEveryInterval() {
    while (!stopping) {
      try {
        Thread.sleep(flushInterval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      flush();
    }
  }

  private void flush() {
    ExportMetricsServiceRequest request = aggregator.flush(nanos());
    if (request.getResourceMetricsCount() == 0) {
      return;
    }
    try {
      ingest.metrics(request, null, TRANSPORT, tenant).whenComplete((outcome, error) -> {
        if (error != null) {
          log.warn("StatsD flush not stored: {}", error.getMessage());
        }
      });
    } catch (RuntimeException e) {
      log.warn("StatsD flush refused: {}", e.getMessage());
    }
  }

  private long nanos() {
    return clock.millis() * 1_000_000L;
  }

  /** Stops listening and flushes what arrived since the last interval. */
  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    if (udp != null) {
      udp.close();
    }
    try {
      if (tcp != null) {
        tcp.close();
      }
    } catch (IOException e) {
      log.debug("closing the StatsD TCP listener", e);
    }
    if (flusher != null) {
      flusher.interrupt();
    }
    flush();
  }
}
