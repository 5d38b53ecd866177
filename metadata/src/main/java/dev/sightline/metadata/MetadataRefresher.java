package dev.sightline.metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link Replica}s current: every interval it reads every kind's revision (one small
 * query) and reads again the kinds another node changed. A change made on one node is thus seen by
 * the others within one interval (plus the time of the read). The outcome of the last round says
 * whether the store is reachable, for {@code /ready}.
 */
public final class MetadataRefresher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetadataRefresher.class);
  private final MetadataStore store;
  private final Duration interval;
  private final List<Replica<?>> replicas = new CopyOnWriteArrayList<>();
  private volatile boolean reachable = true;
  private volatile boolean stopping;
  private @Nullable Thread thread;

  public MetadataRefresher(MetadataStore store, Duration interval) {
    this.store = store;
    this.interval = interval;
  }

  /** A replica of the table, kept current from now on. */
  public <T extends Versioned<T>> Replica<T> replica(MetadataTable<T> table) {
    Replica<T> r = new Replica<>(table);
    replicas.add(r);
    return r;
  }

  /** Whether the last round reached the store. */
  public boolean reachable() {
    return reachable;
  }

  /** One round: reads the revisions and the kinds that changed. */
  public void refresh() {
    try {
      Map<String, Long> revisions = store.revisions();
      for (Replica<?> r : replicas) {
        r.refresh(revisions.getOrDefault(r.table().kind(), 0L));
      }
      if (!reachable) {
        log.info("the metadata store ({}) answers again", store.description());
      }
      reachable = true;
    } catch (MetadataUnavailableException e) {
      if (reachable) {
        log.warn("{}; reads use the last copy, changes are refused until it answers", e.getMessage());
      }
      reachable = false;
    }
  }

  public synchronized void start() {
    if (thread != null || interval.isZero()) {
      return;
    }
    thread = Thread.ofPlatform().name("sightline-metadata-refresh").daemon().start(() -> {
      while (!stopping) {
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        refresh();
      }
    });
  }

  /** Stops refreshing; the store itself is closed by its owner. */
  @Override
  public synchronized void close() {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
