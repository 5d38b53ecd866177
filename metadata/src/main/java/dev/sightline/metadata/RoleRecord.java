package dev.sightline.metadata;

/** A custom role: {@code grants} is a JSON list such as {@code ["read:*","write:rules"]}. */
public record RoleRecord(String name, String grants, String source, long version) implements Versioned<RoleRecord> {
  @Override
  public RoleRecord withVersion(long v) {
    return new RoleRecord(name, grants, source, v);
  }
}
