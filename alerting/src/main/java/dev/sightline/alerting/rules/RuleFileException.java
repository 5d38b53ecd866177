package dev.sightline.alerting.rules;

/** A rule file that cannot be used, with the file, the line (1-based; 0 when unknown) and the reason. */
public final class RuleFileException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final int line;
  private final String reason;

  public RuleFileException(String file, int line, String reason) {
    super(file + (line > 0 ? ":" + line : "") + ": " + reason, null, false, false);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
