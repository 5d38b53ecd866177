package dev.sightline.pipeline.processor;

import com.google.protobuf.ByteString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tail-sampling decisions, kept in memory for late spans and appended to a file that is synced
 * before the batch that acts on them is stored. Each line carries the batch position it was made
 * for; at start-up, decisions of batches the store never got are ignored, so such traces are
 * decided again from the replayed log.
 */
final class SamplingDecisions implements AutoCloseable {
  /** A decision: keep (with the threshold for the tracestate) or drop, made for a batch. */
  record Decision(boolean keep, long threshold, long position, long atMillis) {}

  private static final HexFormat HEX = HexFormat.of();
  private final Path file;
  private final int capacity;
  private final long ttlMillis;
  private final LinkedHashMap<BufferedTrace.Key, Decision> decisions = new LinkedHashMap<>();
  private final List<String> unsynced = new ArrayList<>();
  private @Nullable FileChannel channel;
  private long linesInFile;

  SamplingDecisions(Path file, int capacity, long ttlMillis) {
    this.file = file;
    this.capacity = capacity;
    this.ttlMillis = ttlMillis;
  }

  /** Loads the decisions of stored batches that are younger than the time to live. */
  void load(long storedUpTo, long nowMillis) {
    decisions.clear();
    if (Files.exists(file)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split("\t");
          if (f.length != 6) {
            continue; // a line torn by a crash
          }
          try {
            Decision d = new Decision(f[2].equals("K"), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
            if (d.position() <= storedUpTo && nowMillis - d.atMillis() < ttlMillis) {
              decisions.put(new BufferedTrace.Key(f[0], ByteString.copyFrom(HEX.parseHex(f[1]))), d);
            }
          } catch (IllegalArgumentException e) {
            // a line torn by a crash
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("tail-sampling decisions in " + file + " cannot be read", e);
      }
    }
    trim(nowMillis);
    rewrite();
  }

  @Nullable Decision get(BufferedTrace.Key key) {
    return decisions.get(key);
  }

  void put(BufferedTrace.Key key, Decision d) {
    decisions.put(key, d);
    unsynced.add(key.tenant() + "\t" + HEX.formatHex(key.traceId().toByteArray()) + "\t" + (d.keep() ? "K" : "D")
        + "\t" + d.threshold() + "\t" + d.position() + "\t" + d.atMillis() + "\n");
  }

  int size() {
    return decisions.size();
  }

  /** Makes new decisions durable; called before the batch they belong to is stored. */
  void sync(long nowMillis) {
    trim(nowMillis);
    if (unsynced.isEmpty()) {
      return;
    }
    if (linesInFile > 2L * capacity) {
      unsynced.clear();
      rewrite();
      return;
    }
    try {
      FileChannel ch = channel();
      for (String line : unsynced) {
        ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      }
      ch.force(false);
      linesInFile += unsynced.size();
      unsynced.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("tail-sampling decisions cannot be written to " + file, e);
    }
  }

  private void trim(long nowMillis) {
    Iterator<Map.Entry<BufferedTrace.Key, Decision>> it = decisions.entrySet().iterator();
    while (it.hasNext()) {
      Decision d = it.next().getValue();
      if (decisions.size() <= capacity && nowMillis - d.atMillis() < ttlMillis) {
        break;
      }
      it.remove();
    }
  }

  /** Replaces the file by the decisions held, so that it does not grow without bound. */
  private void rewrite() {
    try {
      close();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder all = new StringBuilder();
      decisions.forEach((k, d) -> all.append(k.tenant()).append('\t').append(HEX.formatHex(k.traceId().toByteArray()))
          .append('\t').append(d.keep() ? "K" : "D").append('\t').append(d.threshold()).append('\t')
          .append(d.position()).append('\t').append(d.atMillis()).append('\n'));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(all.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      linesInFile = decisions.size();
    } catch (IOException e) {
      throw new UncheckedIOException("tail-sampling decisions cannot be written to " + file, e);
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    return channel;
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing unsynced is lost: every decision line was forced when written
      }
      channel = null;
    }
  }
}
