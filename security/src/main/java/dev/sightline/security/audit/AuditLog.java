package dev.sightline.security.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The append-only, hash-chained audit log of one server. Thread-safe.
 *
 * <p>Each {@link #append} writes one JSON line and fsyncs it before returning: audit events are
 * rare, and an acknowledged event must survive a crash. Readers ({@link #verify}, {@link #query},
 * {@link #export}) see what was durable when they started and do not hold up writers. One process
 * at a time may open a directory; a lock file there enforces it.
 */
public final class AuditLog implements AutoCloseable {
  private static final String LOCK_FILE = "audit.lock";
  private final AuditLogConfig config;
  private final Clock clock;
  private final ChainHash chain;
  private final AuditWriter writer;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private boolean closed;

  private AuditLog(AuditLogConfig config, Clock clock, ChainHash chain, AuditWriter writer, FileChannel lockChannel,
      FileLock lock) {
    this.config = config;
    this.clock = clock;
    this.chain = chain;
    this.writer = writer;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the log in {@code config.directory()}, creating it if needed, cuts off a line torn by a
   * crash and continues the chain from the last entry. {@code clock} decides when files roll.
   *
   * @throws AuditLogException when the directory cannot be used, another process has it open, the
   *     HMAC key file is unusable, or the last line is damaged (the chain cannot continue from it)
   */
  public static AuditLog open(AuditLogConfig config, Clock clock) {
    Objects.requireNonNull(config, "config is required");
    Objects.requireNonNull(clock, "clock is required");
    ChainHash chain = ChainHash.forConfig(config);
    Path dir = config.directory();
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      AuditWriter writer = new AuditWriter(dir, config.maxFileBytes(), chain, AuditRecovery.recover(dir));
      return new AuditLog(config, clock, chain, writer, lockChannel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(lockChannel);
      throw new AuditLogException("audit.directory " + dir + " is already open in another audit log or process");
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new AuditLogException("audit.directory " + dir + " cannot be used: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  /**
   * Appends an event; it is durable when this returns.
   *
   * @return the entry as stored, with its seq and hash
   * @throws AuditLogException when the event could not be written; nothing was recorded and the
   *     caller decides whether the audited action may go ahead
   */
  public AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event is required");
    writeLock.lock();
    try {
      if (closed) {
        throw new AuditLogException("audit log " + config.directory() + " is closed");
      }
      return writer.append(event, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    } finally {
      writeLock.unlock();
    }
  }

  /** Checks the whole chain as it stood when called; reports the first problem. */
  public Verification verify() {
    try {
      return ChainVerifier.verify(chain, snapshot());
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + config.directory() + " cannot be read", e);
    }
  }

  /**
   * Checks the files of a log that is not open here, for example from a command-line tool or on a
   * copy; a line torn by a crash shows as a problem since no recovery runs.
   */
  public static Verification verifyFiles(AuditLogConfig config) {
    try {
      List<AuditFile> files = AuditFile.list(config.directory());
      return ChainVerifier.verify(ChainHash.forConfig(config), new AuditWriter.Snapshot(files, Long.MAX_VALUE));
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + config.directory() + " cannot be read", e);
    }
  }

  /** Entries matching {@code query}, newest first, at most {@code query.limit()}. */
  public List<AuditEntry> query(AuditQuery query) {
    Objects.requireNonNull(query, "query is required");
    try {
      return AuditSearch.query(snapshot(), query);
    } catch (IOException e) {
      throw new UncheckedIOException("audit log " + config.directory() + " cannot be read", e);
    }
  }

  /**
   * Writes the stored lines of events at or after {@code from} and before {@code to} to {@code out},
   * oldest first and byte for byte, so that the receiver can check their hashes; {@code out} is
   * not closed.
   *
   * @return how many lines were written
   */
  public long export(Instant from, Instant to, OutputStream out) throws IOException {
    Objects.requireNonNull(from, "from is required");
    Objects.requireNonNull(to, "to is required");
    Objects.requireNonNull(out, "out is required");
    return AuditSearch.export(snapshot(), from, to, out);
  }

  /** The seq of the last entry (0 for an empty log); kept elsewhere with {@link #lastHash()}, it shows a cut-off tail. */
  public long lastSeq() {
    writeLock.lock();
    try {
      return writer.lastSeq();
    } finally {
      writeLock.unlock();
    }
  }

  /** The hash of the last entry, or {@link AuditEntry#GENESIS} for an empty log. */
  public String lastHash() {
    writeLock.lock();
    try {
      return writer.lastHash();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      writer.close();
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases the lock as well
      }
      closeQuietly(lockChannel);
    } finally {
      writeLock.unlock();
    }
  }

  private AuditWriter.Snapshot snapshot() {
    writeLock.lock();
    try {
      return writer.snapshot();
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was written through it
    }
  }
}
