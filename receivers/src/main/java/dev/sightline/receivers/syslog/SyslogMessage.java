package dev.sightline.receivers.syslog;

import java.util.Map;

/**
 * One parsed syslog message. Absent header fields (the RFC 5424 NILVALUE {@code -}, or what RFC 3164
 * lacks) are empty strings; {@code timeNanos} is 0 when the message carries no timestamp.
 *
 * @param structuredData SD-ID to its parameters, in message order
 */
record SyslogMessage(
    Format format,
    SyslogPriority priority,
    long timeNanos,
    String hostname,
    String appName,
    String procId,
    String msgId,
    Map<String, Map<String, String>> structuredData,
    String message) {

  enum Format {
    RFC5424("rfc5424"), RFC3164("rfc3164");

    final String label;

    Format(String label) {
      this.label = label;
    }
  }
}
