package dev.sightline.metadata;

import java.time.Instant;

/**
 * A rule file created through the API: its YAML text, under a file name per tenant. {@code tenant}
 * is empty for the operator tenant's files, whose rules may read every tenant's data.
 */
public record RuleFileRecord(String tenant, String name, String text, Instant updatedAt, long version)
    implements Versioned<RuleFileRecord> {
  public static final String OPERATOR = "";

  @Override
  public RuleFileRecord withVersion(long v) {
    return new RuleFileRecord(tenant, name, text, updatedAt, v);
  }
}
