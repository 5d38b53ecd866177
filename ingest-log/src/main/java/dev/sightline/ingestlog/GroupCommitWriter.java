package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.sightline.security.atrest.BlobCipher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the log. It takes everything queued, encodes it into one buffer,
 * writes it with one positional write, fsyncs once (a group commit), publishes the new durable
 * position, and only then completes the appends with their sequences.
 *
 * <p>A failed write fails only the appends in it: their sequences are not used (see {@link
 * ActiveSegment} for the bytes), and later appends are tried afresh. The thread never dies from
 * an error.
 */
final class GroupCommitWriter {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  /** One write holds at most this much, so that the buffer stays bounded under a flood. */
  private static final int MAX_WRITE_BYTES = 32 << 20;

  /** An accepted append waiting for the next group commit; the tenant is already UTF-8. */
  record Append(LogEntry.Kind kind, byte[] tenant, byte[] payload, CompletableFuture<Long> done) {}

  private final long segmentBytes;
  private final @Nullable BlobCipher cipher;
  private final BlockingQueue<Append> queue;
  private final ConcurrentNavigableMap<Long, Segment> segments;
  private final DurableMark durable;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopping;
  // Confined to the writer thread.
  private final ActiveSegment active;
  private long nextSequence;
  /** Failed writes in a row; a full disk fails every group commit, and one ERROR says enough. */
  private long failedInARow;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

  GroupCommitWriter(SegmentLogConfig config, ConcurrentNavigableMap<Long, Segment> segments, DurableMark durable)
      throws IOException {
    this.segmentBytes = config.segmentBytes();
    this.cipher = config.cipher();
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.segments = segments;
    this.durable = durable;
    this.active = new ActiveSegment(config.directory(), durable.current().segment());
    this.nextSequence = durable.current().lastSequence() + 1;
    this.thread = new Thread(this::run, "sightline-ingest-log-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues without blocking; false when the queue is full. */
  boolean offer(Append append) {
    return queue.offer(append);
  }

  /** Takes back an append the writer has not taken yet; false when it already has. */
  boolean withdraw(Append append) {
    return queue.remove(append);
  }

  /** Writes what is queued, then closes the file; appends queued after that fail. */
  void stop() {
    stopping = true;
    if (Thread.currentThread() == thread) {
      return; // closed from an append's callback: the loop ends after this batch
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // pending appends are still made durable, as promised
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  long appended() {
    return appended.get();
  }

  long fsyncs() {
    return fsyncs.get();
  }

  private void run() {
    List<Append> batch = new ArrayList<>();
    try {
      while (true) {
        Append first;
        try {
          first = queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          continue; // nobody should interrupt this thread, and accepted appends must be written
        }
        if (first == null) {
          if (stopping) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        try {
          commit(batch);
        } catch (RuntimeException | Error e) {
          log.error("the ingest-log writer failed a group commit of {} appends", batch.size(), e);
          batch.forEach(a -> a.done().completeExceptionally(e));
        } finally {
          batch.clear();
        }
      }
    } finally {
      finish();
    }
  }

  /** Splits the batch where the active segment is full, so that segments roll near their size. */
  private void commit(List<Append> batch) {
    int from = 0;
    while (from < batch.size()) {
      Segment segment = active.segment();
      if (segment.bytes >= segmentBytes && !segment.isEmpty()) {
        Segment next = active.roll(nextSequence);
        if (next != null) {
          segments.put(next.firstSequence, next);
          durable.publish(new DurableMark.Position(nextSequence - 1, next, 0));
          segment = next;
        }
      }
      long room = Math.min(MAX_WRITE_BYTES, segment.bytes < segmentBytes ? segmentBytes - segment.bytes : Long.MAX_VALUE);
      int to = from;
      long bytes = 0;
      do {
        bytes += size(batch.get(to++));
      } while (to < batch.size() && bytes + size(batch.get(to)) <= room);
      write(batch.subList(from, to), (int) bytes);
      from = to;
    }
  }

  private void write(List<Append> chunk, int size) {
    long last = nextSequence + chunk.size() - 1;
    try {
      ByteBuffer out = bufferFor(size);
      for (int i = 0; i < chunk.size(); i++) {
        Append a = chunk.get(i);
        EntryCodec.encode(out, nextSequence + i, a.kind(), a.tenant(), a.payload(), cipher);
      }
      active.writeDurably(out.flip(), last);
    } catch (IOException e) {
      IOException cause = new IOException("writing the ingest log " + active.segment() + " failed: " + e.getMessage(), e);
      if (failedInARow++ == 0) {
        log.error("{}; appends fail until a write succeeds", cause.getMessage());
      }
      chunk.forEach(a -> a.done().completeExceptionally(cause));
      return;
    }
    if (failedInARow > 0) {
      log.info("ingest-log writes succeed again after {} failed group commits", failedInARow);
      failedInARow = 0;
    }
    fsyncs.incrementAndGet();
    appended.addAndGet(chunk.size());
    long first = nextSequence;
    nextSequence = last + 1;
    Segment segment = active.segment();
    durable.publish(new DurableMark.Position(last, segment, segment.bytes));
    for (int i = 0; i < chunk.size(); i++) {
      chunk.get(i).done().complete(first + i);
    }
  }

  private int size(Append a) {
    return EntryCodec.size(a.tenant().length, a.payload().length, cipher != null);
  }

  private ByteBuffer bufferFor(int size) {
    int capacity = buffer.capacity();
    if (capacity < size || capacity > Math.max(size, MAX_WRITE_BYTES)) {
      // grow, or give back what one huge entry needed
      buffer = ByteBuffer.allocateDirect(Math.max(size, (int) Math.min(2L * capacity, MAX_WRITE_BYTES)));
    }
    return buffer.clear();
  }

  private void finish() {
    Append left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(SegmentLog.closedException());
    }
    active.close();
  }
}
