package dev.sightline.receivers.syslog;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.OtlpIngest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (a message per datagram), TCP and TLS (RFC 6587 framing, octet counting or LF,
 * detected per frame), RFC 5424 and RFC 3164 detected per message. Every message is kept: one that
 * is not valid syslog is stored with its raw text and the reason. Messages go through the OTLP
 * ingest path as logs with transport {@code syslog}, in batches; TCP senders are held back while
 * the ingest log is full, UDP messages are then dropped and counted.
 */
public final class SyslogReceiver implements Component {
  private static final Logger log = LoggerFactory.getLogger(SyslogReceiver.class);
  private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private final SyslogReceiverConfig config;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final SyslogParser parser;
  private final SyslogBatcher datagrams;
  private final SyslogBatcher streams;
  private final Semaphore connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private @Nullable DatagramSocket udp;
  private @Nullable ServerSocket tcp;
  private @Nullable ServerSocket tls;
  private volatile boolean stopping;

  public SyslogReceiver(SyslogReceiverConfig config, OtlpIngest ingest, String tenant, Clock clock, SelfMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.parser = new SyslogParser(clock);
    this.connections = new Semaphore(config.maxConnections());
    this.datagrams = new SyslogBatcher("udp", false, config.batchSize(), config.flushInterval(),
        r -> ingest.logs(r, null, "syslog", tenant), metrics);
    this.streams = new SyslogBatcher("tcp", true, config.batchSize(), config.flushInterval(),
        r -> ingest.logs(r, null, "syslog", tenant), metrics);
  }

  @Override
  public void start() {
    SSLContext context = null;
    if (config.tlsEnabled()) {
      try {
        context = SyslogTls.serverContext(Objects.requireNonNull(config.tlsCert()), Objects.requireNonNull(config.tlsKey()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    try {
      udp = new DatagramSocket(new InetSocketAddress(config.listenAddress(), config.udpPort()));
      tcp = new ServerSocket();
      tcp.bind(new InetSocketAddress(config.listenAddress(), config.tcpPort()), 128);
      if (context != null) {
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        s.setEnabledProtocols(Arrays.stream(TLS_PROTOCOLS)
            .filter(p -> Arrays.asList(s.getSupportedProtocols()).contains(p)).toArray(String[]::new));
        s.bind(new InetSocketAddress(config.listenAddress(), config.tlsPort()), 128);
        tls = s;
      }
    } catch (IOException e) {
      closeListeners();
      throw new IllegalStateException("syslog cannot listen on " + config.listenAddress() + " (syslog.udp.port "
          + config.udpPort() + ", syslog.tcp.port " + config.tcpPort() + ", syslog.tls.port " + config.tlsPort()
          + "): " + e.getMessage() + (e.getMessage() != null && e.getMessage().contains("ermission")
          ? "; ports below 1024 need root or CAP_NET_BIND_SERVICE" : ""), e);
    }
    datagrams.start();
    streams.start();
    Thread.ofPlatform().name("sightline-syslog-udp").daemon().start(this::receiveUdp);
    ServerSocket plain = tcp;
    Thread.ofPlatform().name("sightline-syslog-tcp").daemon().start(() -> accept(plain, "tcp"));
    ServerSocket secure = tls;
    if (secure != null) {
      Thread.ofPlatform().name("sightline-syslog-tls").daemon().start(() -> accept(secure, "tls"));
    }
    log.info("syslog listening on UDP {}, TCP {}{}", udpPort(), tcpPort(), tls == null ? "" : ", TLS " + tlsPort());
  }

  public int udpPort() {
    DatagramSocket s = udp;
    return s == null ? config.udpPort() : s.getLocalPort();
  }

  public int tcpPort() {
    ServerSocket s = tcp;
    return s == null ? config.tcpPort() : s.getLocalPort();
  }

  /** The TLS port, or -1 when TLS is off. */
  public int tlsPort() {
    ServerSocket s = tls;
    return s == null ? -1 : s.getLocalPort();
  }

  private void receiveUdp() {
    DatagramSocket socket = Objects.requireNonNull(udp);
    // One byte more than the limit tells a message at the limit from a longer one.
    byte[] buffer = new byte[Math.min(config.maxMessageBytes() + 1, 65_536)];
    while (!stopping) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!stopping) {
          log.warn("syslog UDP receive failed: {}", e.getMessage());
        }
        continue;
      }
      String peer = packet.getAddress().getHostAddress();
      if (packet.getLength() > config.maxMessageBytes()) {
        datagrams.offer(counted(ReceivedMessage.unframed("udp", peer, nanos(),
            FrameReader.text(buffer, config.maxMessageBytes()), "message longer than " + config.maxMessageBytes()
                + " bytes (syslog.max.message.bytes); the first " + config.maxMessageBytes() + " are kept")));
        continue;
      }
      String text = FrameReader.text(buffer, packet.getLength());
      if (!text.isBlank()) {
        datagrams.offer(counted(ReceivedMessage.parse(parser, "udp", peer, nanos(), text)));
      }
    }
  }

  private void accept(ServerSocket listener, String transport) {
    while (!stopping) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (SocketException e) {
        return; // closed at shutdown
      } catch (IOException e) {
        log.warn("syslog {} accept failed: {}", transport, e.getMessage());
        continue;
      }
      if (!connections.tryAcquire()) {
        log.warn("syslog {} connection from {} refused: {} connections open", transport,
            socket.getRemoteSocketAddress(), config.maxConnections());
        connectionCount(transport, "refused");
        closeQuietly(socket);
        continue;
      }
      connectionCount(transport, "accepted");
      open.add(socket);
      Thread.ofVirtual().name("sightline-syslog-" + transport + "-conn").start(() -> read(socket, transport));
    }
  }

  private void read(Socket socket, String transport) {
    String peer = socket.getInetAddress().getHostAddress();
    try (socket) {
      socket.setKeepAlive(true); // senders keep connections open for days; no read timeout
      FrameReader frames = new FrameReader(socket.getInputStream(), config.maxMessageBytes());
      for (FrameReader.Frame f = frames.next(); f != null; f = frames.next()) {
        ReceivedMessage m = f.problem().isEmpty()
            ? ReceivedMessage.parse(parser, transport, peer, nanos(), f.text())
            : ReceivedMessage.unframed(transport, peer, nanos(), f.text(), f.problem());
        streams.put(counted(m));
        if (stopping) {
          break;
        }
      }
    } catch (IOException e) {
      if (!stopping) {
        log.debug("syslog {} connection from {} ended: {}", transport, peer, e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
      connections.release();
    }
  }

  private ReceivedMessage counted(ReceivedMessage m) {
    metrics.counter("sightline_syslog_messages_total", "Syslog messages received, by transport and outcome "
        + "(parsed; parse_error: kept as raw text with syslog.parse_error).",
        "transport", m.transport(), "outcome", m.parsed() != null ? "parsed" : "parse_error").increment();
    if (m.parsed() == null) {
      log.debug("syslog {} message from {} is not valid syslog: {}", m.transport(), m.peer(), m.parseError());
    }
    return m;
  }

  private void connectionCount(String transport, String outcome) {
    metrics.counter("sightline_syslog_connections_total", "Syslog TCP and TLS connections, by outcome "
        + "(accepted; refused: over syslog.max.connections).", "transport", transport, "outcome", outcome).increment();
  }

  private long nanos() {
    return clock.millis() * 1_000_000L;
  }

  /** Stops listening, closes connections and stores what was received, within {@code timeout}. */
  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    closeListeners();
    open.forEach(SyslogReceiver::closeQuietly);
    datagrams.shutdown(timeout);
    streams.shutdown(timeout);
  }

  private void closeListeners() {
    if (udp != null) {
      udp.close();
    }
    closeQuietly(tcp);
    closeQuietly(tls);
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.debug("closing a syslog socket", e);
    }
  }
}
