package dev.sightline.receivers.syslog;

import java.time.Clock;

/**
 * Reads one syslog message, RFC 5424 or RFC 3164, told apart per message: after {@code <PRI>},
 * RFC 5424 has its version {@code 1} and a space, where an RFC 3164 timestamp starts with a month
 * name (or a four-digit year).
 */
final class SyslogParser {
  private final Clock clock;

  SyslogParser(Clock clock) {
    this.clock = clock;
  }

  /** @param text one message without framing or a trailing newline */
  SyslogMessage parse(String text) throws MalformedSyslog {
    MessageCursor in = new MessageCursor(text);
    SyslogPriority priority = SyslogPriority.read(in);
    int afterPri = in.position();
    String version = in.digits(3);
    if (!version.isEmpty() && in.skip(' ')) {
      if (!version.equals("1")) {
        throw new MalformedSyslog("VERSION: " + version + " is not supported; expected 1 (RFC 5424)");
      }
      return Rfc5424Parser.parse(in, priority);
    }
    in.reset(afterPri);
    return Rfc3164Parser.parse(in, priority, clock);
  }
}
