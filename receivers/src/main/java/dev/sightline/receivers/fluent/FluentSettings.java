package dev.sightline.receivers.fluent;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the Forward receiver listens and what it accepts.
 *
 * @param maxMessageBytes the largest message, and the largest a compressed chunk may inflate to
 * @param maxConnections connections open at once; more are closed on accept
 * @param readTimeout how long a connection may stay silent, also mid-message, before it is closed
 * @param maxRecordsPerRequest the most records handed to the ingest path at once (the request limit)
 * @param sharedKey the key clients must prove they know in the HELO/PING/PONG handshake; empty: none
 */
public record FluentSettings(InetSocketAddress address, int maxMessageBytes, int maxConnections, Duration readTimeout,
    int maxRecordsPerRequest, String sharedKey) {

  /** Without a shared key. */
  public FluentSettings(InetSocketAddress address, int maxMessageBytes, int maxConnections, Duration readTimeout,
      int maxRecordsPerRequest) {
    this(address, maxMessageBytes, maxConnections, readTimeout, maxRecordsPerRequest, "");
  }
}
