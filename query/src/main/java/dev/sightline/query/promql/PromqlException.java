package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

/**
 * A query that could not be parsed or evaluated. The {@link ErrorType} is what the Prometheus HTTP
 * API reports as {@code errorType}, and the message is worded as Prometheus words it so that
 * clients matching on error text keep working.
 */
public final class PromqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The Prometheus API error types a query can fail with. */
  public enum ErrorType {
    BAD_DATA("bad_data"),
    EXECUTION("execution"),
    TIMEOUT("timeout");

    private final String apiName;

    ErrorType(String apiName) {
      this.apiName = apiName;
    }

    /** The name used in the Prometheus HTTP API, such as {@code bad_data}. */
    public String apiName() {
      return apiName;
    }
  }

  private final ErrorType type;

  public PromqlException(ErrorType type, String message) {
    super(message);
    this.type = requireNonNull(type, "type");
  }

  public ErrorType type() {
    return type;
  }

  static PromqlException badData(String message) {
    return new PromqlException(ErrorType.BAD_DATA, message);
  }

  static PromqlException execution(String message) {
    return new PromqlException(ErrorType.EXECUTION, message);
  }

  /** A parse error at a byte offset of the query, prefixed with line and column as Prometheus does. */
  static PromqlException parseError(String query, int pos, String message) {
    String where;
    if (pos < 0 || pos > query.length()) {
      where = "invalid position:";
    } else {
      int line = 1;
      int lastLineBreak = -1;
      for (int i = 0; i < pos; i++) {
        if (query.charAt(i) == '\n') {
          lastLineBreak = i;
          line++;
        }
      }
      where = line + ":" + (pos - lastLineBreak) + ":";
    }
    return badData(where + " parse error: " + message);
  }
}
