package dev.sightline.ingestlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local ingest log: checksummed entries in segment files, appended by one writer thread that
 * group-commits (one write and one fsync for everything queued) before completing the appends.
 * Backlog is counted from the sequence given to the last {@link #releaseUpTo} call, which the
 * storage pipeline makes after each stored batch.
 */
public final class SegmentLog implements IngestLog {
  private static final Logger log = LoggerFactory.getLogger(SegmentLog.class);
  private final SegmentLogConfig config;
  private final BlockingQueue<Pending> queue;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private final Thread writer;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong corrupt = new AtomicLong();
  private volatile Durable durable;
  private volatile long released;
  private volatile boolean closed;
  private FileChannel active;
  private long nextSequence;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

  private record Pending(LogEntry.Kind kind, String tenant, byte[] payload, CompletableFuture<Long> done) {}

  /** What readers may read: up to {@code lastSequence}, and in the active segment up to {@code bytes}. */
  record Durable(long lastSequence, Segment segment, long bytes) {}

  private SegmentLog(SegmentLogConfig config) throws IOException {
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    Files.createDirectories(config.directory());
    List<Path> files;
    try (Stream<Path> list = Files.list(config.directory())) {
      files = list.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      Segment s = Segment.recover(file, Segment.firstSequenceOf(file));
      segments.put(s.firstSequence, s);
    }
    if (segments.isEmpty()) {
      Segment first = new Segment(Segment.pathFor(config.directory(), 1), 1, 0, 0);
      segments.put(1L, first);
    }
    Segment last = segments.lastEntry().getValue();
    nextSequence = Math.max(last.lastSequence + 1, last.firstSequence);
    active = FileChannel.open(last.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    active.position(last.bytes);
    durable = new Durable(nextSequence - 1, last, last.bytes);
    released = segments.firstKey() - 1;
    writer = new Thread(this::writeLoop, "sightline-ingest-log-writer");
    writer.setDaemon(true);
    writer.start();
    log.info("ingest log in {}: {} segments, next sequence {}", config.directory(), segments.size(), nextSequence);
  }

  public static SegmentLog open(SegmentLogConfig config) {
    try {
      return new SegmentLog(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the ingest log in " + config.directory() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<Long> append(LogEntry.Kind kind, String tenant, byte[] payload) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("ingest log is closed"));
    }
    if (bytesAfter(released) > config.maxBacklogBytes()) {
      return CompletableFuture.failedFuture(new LogFullException("the ingest log holds more than "
          + config.maxBacklogBytes() + " bytes not yet stored; retry later", 5, true));
    }
    Pending p = new Pending(kind, tenant, payload, new CompletableFuture<>());
    if (!queue.offer(p)) {
      return CompletableFuture.failedFuture(new LogFullException("the ingest log's append queue of "
          + config.queueCapacity() + " is full; retry later", 1, false));
    }
    return p.done();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        commitInChunks(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("ingest log writer failed a batch", e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Commits in chunks of about a segment each, so that segments roll near their configured size. */
  private void commitInChunks(List<Pending> batch) {
    int from = 0;
    long bytes = 0;
    for (int i = 0; i < batch.size(); i++) {
      bytes += EntryCodec.size(batch.get(i).tenant(), batch.get(i).payload());
      if (bytes >= config.segmentBytes() || i == batch.size() - 1) {
        commit(batch.subList(from, i + 1));
        from = i + 1;
        bytes = 0;
      }
    }
  }

  private void commit(List<Pending> batch) {
    Segment segment = durable.segment();
    long startBytes = durable.bytes();
    long startSequence = nextSequence;
    try {
      if (startBytes >= config.segmentBytes() && segment.lastSequence >= segment.firstSequence) {
        segment = roll();
        startBytes = 0;
      }
      int size = 0;
      for (Pending p : batch) {
        size += EntryCodec.size(p.tenant(), p.payload());
      }
      if (buffer.capacity() < size) {
        buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
      }
      buffer.clear();
      long[] sequences = new long[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        sequences[i] = nextSequence++;
        EntryCodec.encode(buffer, sequences[i], p.kind(), p.tenant(), p.payload());
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        active.write(buffer);
      }
      active.force(false);
      fsyncs.incrementAndGet();
      appended.addAndGet(batch.size());
      segment.lastSequence = nextSequence - 1;
      segment.bytes = startBytes + size;
      publish(new Durable(nextSequence - 1, segment, segment.bytes));
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(sequences[i]);
      }
    } catch (IOException e) {
      nextSequence = startSequence;
      undoPartialWrite(startBytes);
      IOException cause = new IOException("writing the ingest log failed: " + e.getMessage(), e);
      batch.forEach(p -> p.done().completeExceptionally(cause));
    }
  }

  /** Seals the active segment (already fsync'd) and starts a new one named by the next sequence. */
  private Segment roll() throws IOException {
    active.close();
    Segment next = new Segment(Segment.pathFor(config.directory(), nextSequence), nextSequence, nextSequence - 1, 0);
    active = FileChannel.open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segments.put(next.firstSequence, next);
    publish(new Durable(nextSequence - 1, next, 0));
    return next;
  }

  private void undoPartialWrite(long bytes) {
    try {
      active.truncate(bytes);
      active.position(bytes);
    } catch (IOException e) {
      log.error("cannot undo a failed ingest-log write; later appends may fail", e);
    }
  }

  private void publish(Durable d) {
    lock.lock();
    try {
      durable = d;
      grown.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until an entry beyond {@code sequence} is durable; false on timeout. */
  boolean awaitDurableBeyond(long sequence, Duration wait) throws InterruptedException {
    long nanos = wait.toNanos();
    lock.lock();
    try {
      while (durable.lastSequence() <= sequence) {
        if (nanos <= 0) {
          return false;
        }
        nanos = grown.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  Durable durable() {
    return durable;
  }

  /** The segment that holds (or would hold) {@code sequence}, or the oldest one if it is older. */
  @Nullable Segment segmentFor(long sequence) {
    Map.Entry<Long, Segment> e = segments.floorEntry(sequence);
    if (e == null) {
      e = segments.firstEntry();
    }
    return e == null ? null : e.getValue();
  }

  @Nullable Segment segmentAfter(Segment segment) {
    Map.Entry<Long, Segment> e = segments.higherEntry(segment.firstSequence);
    return e == null ? null : e.getValue();
  }

  void countCorrupt() {
    corrupt.incrementAndGet();
  }

  @Override
  public LogReader openReader(long afterSequence) {
    return new SegmentLogReader(this, afterSequence);
  }

  @Override
  public long lastSequence() {
    return durable.lastSequence();
  }

  @Override
  public void releaseUpTo(long sequence) {
    released = Math.max(released, sequence);
    Segment current = durable.segment();
    for (Segment s : segments.values()) {
      if (s == current || s.lastSequence > sequence) {
        break;
      }
      try {
        Files.deleteIfExists(s.path);
        segments.remove(s.firstSequence);
      } catch (IOException e) {
        log.warn("cannot delete stored ingest-log segment {}: {}", s.path, e.getMessage());
        return;
      }
    }
  }

  @Override
  public long bytesAfter(long sequence) {
    long total = 0;
    for (Segment s : segments.values()) {
      if (s.lastSequence > sequence) {
        total += s.bytes;
      }
    }
    return total;
  }

  public long durableBytes() {
    return bytesAfter(-1);
  }

  public int segmentCount() {
    return segments.size();
  }

  public long appendedEntries() {
    return appended.get();
  }

  public long fsyncs() {
    return fsyncs.get();
  }

  public long corruptEntries() {
    return corrupt.get();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join();
      active.force(true);
      active.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.warn("closing the ingest log: {}", e.getMessage());
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("ingest log is closed"));
    }
  }
}
