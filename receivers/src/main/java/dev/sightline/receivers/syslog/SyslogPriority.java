package dev.sightline.receivers.syslog;

import io.opentelemetry.proto.logs.v1.SeverityNumber;

/** The PRI of a message: facility ({@code 0..23}) and severity ({@code 0..7}). */
record SyslogPriority(int facility, int severity) {
  private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
      "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
      "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
  private static final String[] SEVERITY_TEXT = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
  // The OpenTelemetry Collector's syslog parser (stanza) maps the eight levels the same way, so
  // records read the same whichever of the two received them.
  private static final SeverityNumber[] SEVERITY_NUMBER = {SeverityNumber.SEVERITY_NUMBER_FATAL,
      SeverityNumber.SEVERITY_NUMBER_ERROR3, SeverityNumber.SEVERITY_NUMBER_ERROR2, SeverityNumber.SEVERITY_NUMBER_ERROR,
      SeverityNumber.SEVERITY_NUMBER_WARN, SeverityNumber.SEVERITY_NUMBER_INFO2, SeverityNumber.SEVERITY_NUMBER_INFO,
      SeverityNumber.SEVERITY_NUMBER_DEBUG};

  /**
   * Reads {@code <PRI>} at the cursor: 1 to 3 digits without a leading zero (except {@code <0>}),
   * at most 191.
   */
  static SyslogPriority read(MessageCursor in) throws MalformedSyslog {
    if (!in.skip('<')) {
      throw new MalformedSyslog("PRI: expected '<' and a number 0 to 191 at the start, e.g. <34>");
    }
    String digits = in.digits(3);
    if (digits.isEmpty() || !in.skip('>')) {
      throw new MalformedSyslog("PRI: expected 1 to 3 digits between '<' and '>', e.g. <34>");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new MalformedSyslog("PRI: '" + digits + "' has a leading zero");
    }
    int pri = Integer.parseInt(digits);
    if (pri > 191) {
      throw new MalformedSyslog("PRI: " + pri + " is out of range; expected 0 to 191 (facility * 8 + severity)");
    }
    return new SyslogPriority(pri / 8, pri % 8);
  }

  String facilityName() {
    return FACILITIES[facility];
  }

  String severityText() {
    return SEVERITY_TEXT[severity];
  }

  SeverityNumber severityNumber() {
    return SEVERITY_NUMBER[severity];
  }
}
