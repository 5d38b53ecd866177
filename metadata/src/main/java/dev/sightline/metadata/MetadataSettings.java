package dev.sightline.metadata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the metadata lives: the embedded DuckDB file, or a PostgreSQL database with its
 * connection settings. {@code startTimeout}: how long opening waits for the database to answer.
 */
public record MetadataSettings(Kind kind, Path embeddedFile, String url, String user, String password,
    Duration startTimeout) {

  public enum Kind { EMBEDDED, POSTGRESQL }

  public MetadataSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(embeddedFile, "embeddedFile");
    if (kind == Kind.POSTGRESQL && url.isBlank()) {
      throw new IllegalArgumentException("metadata.postgresql.url: required with metadata.store=postgresql");
    }
  }

  public static MetadataSettings embedded(Path file) {
    return new MetadataSettings(Kind.EMBEDDED, file, "", "", "", Duration.ofSeconds(30));
  }

  public static MetadataSettings postgresql(String url, String user, String password, Duration startTimeout) {
    return new MetadataSettings(Kind.POSTGRESQL, Path.of("unused"), url, user, password, startTimeout);
  }
}
