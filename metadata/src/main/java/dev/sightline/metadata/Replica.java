package dev.sightline.metadata;

import java.util.List;

/**
 * This node's copy of one kind, which requests read without asking the database: it is read again
 * when the kind's revision moved (another node changed it; see {@link MetadataRefresher}) and right
 * after a change through this node, so a node always sees its own changes. While the store is
 * unreachable the last copy stays in use.
 */
public final class Replica<T extends Versioned<T>> {
  private final MetadataTable<T> table;
  private volatile List<T> rows = List.of();
  private volatile long revision = -1;

  /** @throws MetadataUnavailableException when the first read fails */
  public Replica(MetadataTable<T> table) {
    this.table = table;
    reload();
  }

  public MetadataTable<T> table() {
    return table;
  }

  public List<T> rows() {
    return rows;
  }

  /** Reads the table again, now. */
  public void reload() {
    long r = table.revision();
    rows = List.copyOf(table.list());
    revision = r;
  }

  /**
   * Reads the table again after a change through this node succeeded. Should the store fail right
   * after the change, the copy is read again by the next refresh instead: the change itself stands.
   */
  public void reloadAfterChange() {
    try {
      reload();
    } catch (MetadataUnavailableException e) {
      // the refresher logs the outage and reads the kind again once the store answers
    }
  }

  /** Reads the table again when its revision in the store is not the one of this copy. */
  void refresh(long storeRevision) {
    if (storeRevision != revision) {
      reload();
    }
  }
}
