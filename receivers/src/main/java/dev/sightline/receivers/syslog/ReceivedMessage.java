package dev.sightline.receivers.syslog;

import org.jspecify.annotations.Nullable;

/**
 * One message as it arrived: its raw text, and either what it parsed to or why it did not parse.
 *
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param peer the sender's IP address
 */
record ReceivedMessage(String transport, String peer, long receivedNanos, String raw,
    @Nullable SyslogMessage parsed, String parseError) {

  static ReceivedMessage parse(SyslogParser parser, String transport, String peer, long receivedNanos, String raw) {
    try {
      return new ReceivedMessage(transport, peer, receivedNanos, raw, parser.parse(raw), "");
    } catch (MalformedSyslog e) {
      return new ReceivedMessage(transport, peer, receivedNanos, raw, null, e.getMessage());
    }
  }

  /** A frame that could not be read whole (too long, or cut by the connection closing), kept as raw text. */
  static ReceivedMessage unframed(String transport, String peer, long receivedNanos, String raw, String problem) {
    return new ReceivedMessage(transport, peer, receivedNanos, raw, null, problem);
  }
}
