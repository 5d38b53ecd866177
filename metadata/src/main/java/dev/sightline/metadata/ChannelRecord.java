package dev.sightline.metadata;

/**
 * A notification channel (an Alertmanager-style receiver): {@code types} the comma-separated kinds
 * it sends to (webhook, slack, pagerduty, email), {@code settings} its JSON.
 */
public record ChannelRecord(String name, String types, String settings, String source, long version)
    implements Versioned<ChannelRecord> {
  @Override
  public ChannelRecord withVersion(long v) {
    return new ChannelRecord(name, types, settings, source, v);
  }
}
