package dev.sightline.storage.duckdb;

import dev.sightline.storage.StorageException;
import dev.sightline.storage.objects.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Local copies of cold objects, which DuckDB reads as files. Bounded in bytes: past the bound the
 * least recently read copies go, except those read in the last minute (a running query may hold
 * them).
 */
final class ObjectCache {
  private final Path root;
  private final ObjectStore objects;
  private final long maxBytes;
  private final Clock clock;

  ObjectCache(Path root, ObjectStore objects, long maxBytes, Clock clock) {
    this.root = root;
    this.objects = objects;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** The local copy of the object, fetched when missing. */
  synchronized Path fetch(String key) {
    Path local = root.resolve(key);
    try {
      if (!Files.isRegularFile(local)) {
        Files.createDirectories(local.getParent());
        objects.get(key, local);
        evict();
      }
      Files.setLastModifiedTime(local, FileTime.from(clock.instant()));
      return local;
    } catch (IOException e) {
      throw new StorageException("cannot fetch " + key + " from the object store: " + e.getMessage(), e);
    }
  }

  synchronized void drop(String key) throws IOException {
    Files.deleteIfExists(root.resolve(key));
  }

  private void evict() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> files = new ArrayList<>();
    long total = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.add(p);
        total += Files.size(p);
      }
    }
    if (total <= maxBytes) {
      return;
    }
    long recent = clock.millis() - 60_000;
    files.sort(Comparator.comparingLong(ObjectCache::modified));
    for (Path p : files) {
      if (total <= maxBytes || modified(p) > recent) {
        break;
      }
      total -= Files.size(p);
      Files.deleteIfExists(p);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
