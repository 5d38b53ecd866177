package dev.sightline.metadata;

import java.time.Instant;

/** A row of {@code schema_migrations}: a migration the database has applied, and when. */
public record AppliedMigration(int version, String file, String checksum, Instant appliedAt) {}
