package dev.sightline.storage.tier;

import java.util.Locale;

/** Where stored data lives, from fast and dear to slow and cheap. */
public enum Tier {
  /** The primary store: every query reads it. */
  HOT,
  /** Parquet files on local disk. */
  WARM,
  /** The same Parquet files in object storage, fetched into a local cache when read. */
  COLD,
  /** Compacted bundles in object storage, read only after a restore. */
  ARCHIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
