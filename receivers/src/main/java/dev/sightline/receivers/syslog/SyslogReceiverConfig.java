package dev.sightline.receivers.syslog;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the syslog receiver listens. Ports of 0 pick a free port; the TLS listener runs
 * only when a certificate and key are given.
 *
 * @param maxConnections open TCP and TLS connections at most, together
 * @param batchSize messages stored in one ingest request at most
 */
public record SyslogReceiverConfig(
    String listenAddress,
    int udpPort,
    int tcpPort,
    int tlsPort,
    @Nullable Path tlsCert,
    @Nullable Path tlsKey,
    int maxMessageBytes,
    int maxConnections,
    int batchSize,
    Duration flushInterval) {

  public SyslogReceiverConfig {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("syslog.tls.cert and syslog.tls.key: set both or neither");
    }
    if (maxMessageBytes < 480 || batchSize < 1 || maxConnections < 1) {
      // RFC 5424 section 6.1: receivers must take messages of 480 octets
      throw new IllegalArgumentException("syslog limits out of range: max message bytes " + maxMessageBytes
          + " (at least 480), batch size " + batchSize + ", connections " + maxConnections);
    }
  }

  boolean tlsEnabled() {
    return tlsCert != null;
  }
}
