package dev.sightline.metadata;

/**
 * A principal named in advance, with its role and tenant: {@code kind} says how it proves who it is
 * ({@code certificate}: a client certificate with this common name).
 */
public record UserRecord(String name, String kind, String tenant, String role, String source, long version)
    implements Versioned<UserRecord> {
  @Override
  public UserRecord withVersion(long v) {
    return new UserRecord(name, kind, tenant, role, source, v);
  }
}
