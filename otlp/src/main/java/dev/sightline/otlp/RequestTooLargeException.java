package dev.sightline.otlp;

/**
 * A request holding more items than {@link RequestLimits#maxItemsPerRequest()}; receivers answer
 * HTTP 413 or gRPC {@code INVALID_ARGUMENT}, and nothing of the request is accepted.
 */
public final class RequestTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long items;
  private final int limit;

  /** @param itemName the plural of what was counted, such as {@code "spans"} */
  public RequestTooLargeException(long items, int limit, String itemName) {
    super("the request holds " + items + " " + itemName + ", more than the limit of " + limit
        + " per request; send smaller batches");
    this.items = items;
    this.limit = limit;
  }

  public long items() {
    return items;
  }

  public int limit() {
    return limit;
  }
}
