package dev.sightline.otlp;

/**
 * Limits on one export request, checked by {@link OtlpValidator}.
 *
 * @param maxItemsPerRequest the most spans, metric data points or log records in one request
 * @param maxAttributesPerItem the most attributes on one span, event, link, data point, log
 *     record, resource or scope
 * @param maxAttributeValueLength the longest string attribute value in characters (Unicode code
 *     points), or bytes value in bytes, also inside arrays and kvlists and in log bodies
 */
public record RequestLimits(int maxItemsPerRequest, int maxAttributesPerItem, int maxAttributeValueLength) {
  public static final RequestLimits DEFAULTS = new RequestLimits(50_000, 128, 32_768);

  public RequestLimits {
    positive("maxItemsPerRequest", maxItemsPerRequest);
    positive("maxAttributesPerItem", maxAttributesPerItem);
    positive("maxAttributeValueLength", maxAttributeValueLength);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be a positive number, got " + value);
    }
  }
}
