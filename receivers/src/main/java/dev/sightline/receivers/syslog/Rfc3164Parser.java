package dev.sightline.receivers.syslog;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BSD syslog header after {@code <PRI>} (RFC 3164): {@code Mmm dd hh:mm:ss HOSTNAME TAG: MSG}.
 * Senders vary, so the hostname may be missing (the first word is then the tag), the tag may be
 * missing (everything after the hostname is the message), and an RFC 3339 timestamp is accepted in
 * place of the BSD one, as rsyslog's {@code RSYSLOG_ForwardFormat} sends.
 */
final class Rfc3164Parser {
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final Pattern BSD_TIME = Pattern.compile("([A-Za-z]{3}) ([ 0-9]?[0-9]) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,9})?");
  /** {@code app:}, {@code app[pid]:}, and {@code app[pid]}, as rsyslog forwards RFC 5424 input in this format. */
  private static final Pattern TAG = Pattern.compile("([^\\s\\[\\]:]{1,128})(?:\\[([^\\]\\s]{0,128})\\]:?|:)(?: |$)");

  private Rfc3164Parser() {}

  static SyslogMessage parse(MessageCursor in, SyslogPriority priority, Clock clock) throws MalformedSyslog {
    long time = timestamp(in, clock);
    if (!in.skip(' ')) {
      throw new MalformedSyslog("HOSTNAME: expected a space after the timestamp");
    }
    String hostname = "";
    int beforeHost = in.position();
    String word = in.token();
    if (word.endsWith(":") || word.contains("[")) {
      in.reset(beforeHost); // no hostname; this word is the tag
    } else {
      hostname = word;
      in.skip(' ');
    }
    String rest = in.rest();
    Matcher tag = TAG.matcher(rest);
    String app = "";
    String pid = "";
    String message = rest;
    if (tag.lookingAt()) {
      app = tag.group(1);
      pid = tag.group(2) == null ? "" : tag.group(2);
      message = rest.substring(tag.end());
    }
    return new SyslogMessage(SyslogMessage.Format.RFC3164, priority, time, hostname, app, pid, "", Map.of(), message);
  }

  private static long timestamp(MessageCursor in, Clock clock) throws MalformedSyslog {
    int start = in.position();
    String first = in.token();
    if (first.length() > 4 && Character.isDigit(first.charAt(0)) && first.charAt(4) == '-') {
      try {
        OffsetDateTime t = OffsetDateTime.parse(first, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
      } catch (DateTimeParseException e) {
        throw new MalformedSyslog("TIMESTAMP: '" + first + "' is not RFC 3339 with an offset");
      }
    }
    in.reset(start);
    String rest = in.rest();
    Matcher m = BSD_TIME.matcher(rest);
    if (!m.lookingAt()) {
      throw new MalformedSyslog("TIMESTAMP: expected 'Mmm dd hh:mm:ss' (e.g. Oct 11 22:14:15) or RFC 3339 after the PRI");
    }
    in.reset(start + m.end());
    int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1;
    if (month == 0) {
      throw new MalformedSyslog("TIMESTAMP: '" + m.group(1) + "' is not a month name (Jan to Dec)");
    }
    int day = Integer.parseInt(m.group(2).strip());
    int hour = Integer.parseInt(m.group(3));
    int minute = Integer.parseInt(m.group(4));
    int second = Integer.parseInt(m.group(5));
    // No year or zone: UTC in the current year, or last year when that would be more than a day
    // ahead (a December message read in January).
    Instant now = clock.instant();
    int year = now.atZone(ZoneOffset.UTC).getYear();
    try {
      Instant t = at(year, month, day, hour, minute, second);
      if (t.isAfter(now.plus(Duration.ofDays(1)))) {
        t = at(year - 1, month, day, hour, minute, second);
      }
      return t.getEpochSecond() * 1_000_000_000L;
    } catch (DateTimeException e) {
      try {
        return at(year - 1, month, day, hour, minute, second).getEpochSecond() * 1_000_000_000L; // Feb 29
      } catch (DateTimeException again) {
        throw new MalformedSyslog("TIMESTAMP: '" + m.group() + "' is not a valid date and time");
      }
    }
  }

  private static Instant at(int year, int month, int day, int hour, int minute, int second) {
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }
}
