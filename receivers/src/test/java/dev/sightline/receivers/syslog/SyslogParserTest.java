package dev.sightline.receivers.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private final SyslogParser parser = new SyslogParser(Clock.fixed(NOW, ZoneOffset.UTC));

  private static long nanos(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void rfc5424WithStructuredData() throws Exception {
    SyslogMessage m = parser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] "
        + "An application event log entry...");
    assertThat(m.format()).isEqualTo(SyslogMessage.Format.RFC5424);
    assertThat(m.priority()).isEqualTo(new SyslogPriority(20, 5));
    assertThat(m.priority().facilityName()).isEqualTo("local4");
    assertThat(m.priority().severityText()).isEqualTo("notice");
    assertThat(m.priority().severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO2);
    assertThat(m.timeNanos()).isEqualTo(nanos("2003-10-11T22:14:15.003Z"));
    assertThat(m.hostname()).isEqualTo("mymachine.example.com");
    assertThat(m.appName()).isEqualTo("evntslog");
    assertThat(m.procId()).isEmpty();
    assertThat(m.msgId()).isEqualTo("ID47");
    assertThat(m.structuredData()).containsExactly(
        Map.entry("exampleSDID@32473", Map.of("iut", "3", "eventSource", "Application", "eventID", "1011")),
        Map.entry("examplePriority@32473", Map.of("class", "high")));
    assertThat(m.message()).isEqualTo("An application event log entry...");
  }

  @Test
  void rfc5424WithoutStructuredDataWithBomAndOffset() throws Exception {
    SyslogMessage m = parser.parse("<34>1 2003-10-11T22:14:15.123456-07:00 mymachine su 123 ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.priority().facilityName()).isEqualTo("auth");
    assertThat(m.priority().severityText()).isEqualTo("crit");
    assertThat(m.priority().severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR2);
    assertThat(m.timeNanos()).isEqualTo(nanos("2003-10-12T05:14:15.123456Z"));
    assertThat(m.procId()).isEqualTo("123");
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void rfc5424NilValuesEverywhereAndNoMessage() throws Exception {
    SyslogMessage m = parser.parse("<0>1 - - - - - -");
    assertThat(m.priority()).isEqualTo(new SyslogPriority(0, 0));
    assertThat(m.priority().severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_FATAL);
    assertThat(m.timeNanos()).isZero();
    assertThat(m.hostname()).isEmpty();
    assertThat(m.appName()).isEmpty();
    assertThat(m.msgId()).isEmpty();
    assertThat(m.message()).isEmpty();
  }

  @Test
  void rfc5424EscapesInStructuredDataValues() throws Exception {
    SyslogMessage m = parser.parse("<13>1 2026-12-01T08:00:00+02:00 host app - - "
        + "[meta@1 quote=\"say \\\"hi\\\"\" bracket=\"a\\]b\" slash=\"c:\\\\d\" other=\"\\n stays\"][flag@1] msg");
    assertThat(m.structuredData().get("meta@1")).containsExactly(Map.entry("quote", "say \"hi\""),
        Map.entry("bracket", "a]b"), Map.entry("slash", "c:\\d"), Map.entry("other", "\\n stays"));
    assertThat(m.structuredData().get("flag@1")).isEmpty();
    assertThat(m.timeNanos()).isEqualTo(nanos("2026-12-01T06:00:00Z"));
    assertThat(m.message()).isEqualTo("msg");
  }

  @Test
  void rfc5424ErrorsNameTheField() {
    assertThatThrownBy(() -> parser.parse("<13>1 yesterday host app - - - msg"))
        .isInstanceOf(MalformedSyslog.class).hasMessageContaining("TIMESTAMP: 'yesterday' is not RFC 3339");
    assertThatThrownBy(() -> parser.parse("<13>1 - host app - - [id@1 k=\"v] msg"))
        .hasMessageContaining("STRUCTURED-DATA [id@1]: the value of k has no closing quote");
    assertThatThrownBy(() -> parser.parse("<13>1 - host app - - [id@1 k=v] msg"))
        .hasMessageContaining("expected =\"value\" after k");
    assertThatThrownBy(() -> parser.parse("<13>1 - host app - - x msg"))
        .hasMessageContaining("STRUCTURED-DATA: expected '-' or '['");
    assertThatThrownBy(() -> parser.parse("<13>1 - host"))
        .hasMessageContaining("HOSTNAME: expected a space");
    assertThatThrownBy(() -> parser.parse("<13>2 - host app - - - msg"))
        .hasMessageContaining("VERSION: 2 is not supported");
  }

  @Test
  void rfc3164WithHostAndTag() throws Exception {
    SyslogMessage m = parser.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
    assertThat(m.format()).isEqualTo(SyslogMessage.Format.RFC3164);
    assertThat(m.priority().facilityName()).isEqualTo("auth");
    assertThat(m.priority().severityText()).isEqualTo("crit");
    assertThat(m.timeNanos()).as("this year, UTC").isEqualTo(nanos("2026-10-11T22:14:15Z"));
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void rfc3164WithPidSpacePaddedDayAndLastYear() throws Exception {
    SyslogMessage m = parser.parse("<30>Dec  4 09:00:01 web-1 nginx[123]: GET / 200");
    assertThat(m.timeNanos()).as("Dec 4 is more than a day ahead of Dec 2: last year").isEqualTo(nanos("2025-12-04T09:00:01Z"));
    assertThat(m.priority().facilityName()).isEqualTo("daemon");
    assertThat(m.priority().severityText()).isEqualTo("info");
    assertThat(m.appName()).isEqualTo("nginx");
    assertThat(m.procId()).isEqualTo("123");
    assertThat(m.message()).isEqualTo("GET / 200");
    assertThat(parser.parse("<30>Dec  2 23:00:00 web-1 x: y").timeNanos()).as("within a day ahead: this year")
        .isEqualTo(nanos("2026-12-02T23:00:00Z"));
  }

  @Test
  void rfc3164WithoutTagOrWithoutHostname() throws Exception {
    SyslogMessage noTag = parser.parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
    assertThat(noTag.hostname()).isEqualTo("10.0.0.99");
    assertThat(noTag.appName()).isEmpty();
    assertThat(noTag.message()).isEqualTo("Use the BFG!");
    SyslogMessage noHost = parser.parse("<13>Feb  5 17:32:18 cron[42]: job done");
    assertThat(noHost.hostname()).isEmpty();
    assertThat(noHost.appName()).isEqualTo("cron");
    assertThat(noHost.procId()).isEqualTo("42");
    assertThat(noHost.message()).isEqualTo("job done");
    SyslogMessage noColon = parser.parse("<165>Dec  2 00:40:00 web-1 via-udp[4242] payment declined");
    assertThat(noColon.appName()).isEqualTo("via-udp");
    assertThat(noColon.procId()).isEqualTo("4242");
    assertThat(noColon.message()).isEqualTo("payment declined");
    SyslogMessage rfc3339 = parser.parse("<13>2026-12-01T10:00:00.5+01:00 host app: forwarded");
    assertThat(rfc3339.timeNanos()).isEqualTo(nanos("2026-12-01T09:00:00.5Z"));
    assertThat(rfc3339.appName()).isEqualTo("app");
  }

  @Test
  void rfc3164BadTimestamp() {
    assertThatThrownBy(() -> parser.parse("<13>hello world"))
        .hasMessageContaining("TIMESTAMP: expected 'Mmm dd hh:mm:ss'");
    assertThatThrownBy(() -> parser.parse("<13>Foo 11 22:14:15 host app: x"))
        .hasMessageContaining("'Foo' is not a month name");
    assertThatThrownBy(() -> parser.parse("<13>Feb 31 22:14:15 host app: x"))
        .hasMessageContaining("is not a valid date and time");
  }

  @Test
  void malformedPri() {
    assertThatThrownBy(() -> parser.parse("no pri at all")).hasMessageContaining("PRI: expected '<'");
    assertThatThrownBy(() -> parser.parse("<>1 - - - - - -")).hasMessageContaining("PRI: expected 1 to 3 digits");
    assertThatThrownBy(() -> parser.parse("<1234>1 - - - - - -")).hasMessageContaining("PRI: expected 1 to 3 digits");
    assertThatThrownBy(() -> parser.parse("<192>1 - - - - - -")).hasMessageContaining("PRI: 192 is out of range");
    assertThatThrownBy(() -> parser.parse("<013>1 - - - - - -")).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> parser.parse("<1a>1 - - - - - -")).hasMessageContaining("PRI: expected 1 to 3 digits");
  }
}
