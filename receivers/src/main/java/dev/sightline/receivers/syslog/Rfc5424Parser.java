package dev.sightline.receivers.syslog;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RFC 5424 header after {@code <PRI>1 }: {@code TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * STRUCTURED-DATA [MSG]}, any header field {@code -} for none. Field lengths are not enforced: a
 * long app name is still the app name, and refusing it would only lose the record.
 */
final class Rfc5424Parser {
  private static final String NIL = "-";
  private static final char BOM = '\uFEFF';

  private Rfc5424Parser() {}

  static SyslogMessage parse(MessageCursor in, SyslogPriority priority) throws MalformedSyslog {
    long time = timestamp(in.field("TIMESTAMP"));
    String hostname = nil(in.field("HOSTNAME"));
    String appName = nil(in.field("APP-NAME"));
    String procId = nil(in.field("PROCID"));
    String msgId = nilLast(in);
    Map<String, Map<String, String>> sd = structuredData(in);
    String message = "";
    if (!in.atEnd()) {
      if (!in.skip(' ')) {
        throw new MalformedSyslog("STRUCTURED-DATA: expected a space or the end after it, found '" + in.peek() + "'");
      }
      message = in.rest();
      if (!message.isEmpty() && message.charAt(0) == BOM) {
        message = message.substring(1); // the BOM only says the MSG is UTF-8, which is how it was decoded
      }
    }
    return new SyslogMessage(SyslogMessage.Format.RFC5424, priority, time, hostname, appName, procId, msgId, sd, message);
  }

  /** MSGID, which some senders end the message with when there is no structured data. */
  private static String nilLast(MessageCursor in) throws MalformedSyslog {
    String value = in.token();
    if (value.isEmpty()) {
      throw new MalformedSyslog("MSGID: missing" + (in.atEnd() ? " (the message ends early)" : " (two spaces in a row)"));
    }
    if (!in.skip(' ')) {
      throw new MalformedSyslog("STRUCTURED-DATA: missing after MSGID '" + value + "'; expected '-' or [id ...]");
    }
    return nil(value);
  }

  private static String nil(String value) {
    return value.equals(NIL) ? "" : value;
  }

  private static long timestamp(String raw) throws MalformedSyslog {
    if (raw.equals(NIL)) {
      return 0;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new MalformedSyslog("TIMESTAMP: '" + raw + "' is not RFC 3339 with an offset, e.g. 2026-12-01T22:14:15.003Z or -");
    }
  }

  private static Map<String, Map<String, String>> structuredData(MessageCursor in) throws MalformedSyslog {
    if (in.atEnd()) {
      throw new MalformedSyslog("STRUCTURED-DATA: missing; expected '-' or [id ...]");
    }
    if (in.skip('-')) {
      return Map.of();
    }
    if (in.peek() != '[') {
      throw new MalformedSyslog("STRUCTURED-DATA: expected '-' or '[', found '" + in.peek() + "'");
    }
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    while (!in.atEnd() && in.skip('[')) {
      String id = name(in, "SD-ID");
      Map<String, String> params = sd.computeIfAbsent(id, k -> new LinkedHashMap<>());
      while (!in.skip(']')) {
        if (!in.skip(' ')) {
          throw new MalformedSyslog("STRUCTURED-DATA [" + id + "]: expected ' ' or ']'"
              + (in.atEnd() ? " before the end" : ", found '" + in.peek() + "'"));
        }
        String param = name(in, "PARAM-NAME in [" + id + "]");
        if (!in.skip('=') || !in.skip('"')) {
          throw new MalformedSyslog("STRUCTURED-DATA [" + id + "]: expected =\"value\" after " + param);
        }
        params.put(param, value(in, id, param));
      }
    }
    Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
    sd.forEach((id, params) -> frozen.put(id, Collections.unmodifiableMap(params)));
    return Collections.unmodifiableMap(frozen);
  }

  /** An SD-ID or PARAM-NAME: printable ASCII except {@code = ] "} and space. */
  private static String name(MessageCursor in, String what) throws MalformedSyslog {
    StringBuilder b = new StringBuilder();
    while (!in.atEnd()) {
      char c = in.peek();
      if (c == '=' || c == ']' || c == '"' || c == ' ') {
        break;
      }
      if (c < 33 || c > 126) {
        throw new MalformedSyslog("STRUCTURED-DATA: " + what + " has a character that is not printable ASCII");
      }
      b.append(in.next());
    }
    if (b.isEmpty()) {
      throw new MalformedSyslog("STRUCTURED-DATA: " + what + " is missing");
    }
    return b.toString();
  }

  /** A PARAM-VALUE after its opening quote; {@code \"}, {@code \\} and {@code \]} are escapes. */
  private static String value(MessageCursor in, String id, String param) throws MalformedSyslog {
    StringBuilder b = new StringBuilder();
    while (!in.atEnd()) {
      char c = in.next();
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\' && !in.atEnd() && (in.peek() == '"' || in.peek() == '\\' || in.peek() == ']')) {
        b.append(in.next());
      } else {
        b.append(c); // RFC 5424: a backslash before any other character is kept as is
      }
    }
    throw new MalformedSyslog("STRUCTURED-DATA [" + id + "]: the value of " + param + " has no closing quote");
  }
}
