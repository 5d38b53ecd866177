package dev.sightline.metadata;

import java.time.Instant;

/** A dashboard of a tenant: {@code body} is its JSON (time range, variables, panels). */
public record DashboardRecord(String tenant, String id, String title, String body, Instant updatedAt, long version)
    implements Versioned<DashboardRecord> {
  @Override
  public DashboardRecord withVersion(long v) {
    return new DashboardRecord(tenant, id, title, body, updatedAt, v);
  }
}
