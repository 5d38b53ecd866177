package dev.sightline.alerting.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON lines; reading keeps the last {@code limit} records and skips a torn
 * last line (a crash mid-append) rather than refusing the whole file.
 */
final class JsonLines<T> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
  private final Path file;
  private final Function<T, String> write;
  private final Function<String, T> read;

  JsonLines(Path file, Function<T, String> write, Function<String, T> read) {
    this.file = file;
    this.write = write;
    this.read = read;
  }

  synchronized void append(T record) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, write.apply(record) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  synchronized List<T> last(int limit) {
    Deque<T> out = new ArrayDeque<>();
    if (!Files.exists(file) || limit <= 0) {
      return List.of();
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        if (line.isBlank()) {
          return;
        }
        try {
          out.addLast(read.apply(line));
          if (out.size() > limit) {
            out.removeFirst();
          }
        } catch (RuntimeException e) {
          LOG.warn("{}: skipping an unreadable line: {}", file, e.getMessage());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new ArrayList<>(out);
  }

  /** Rewrites the file with only {@code records}, so that it does not grow without bound. */
  synchronized void rewrite(List<T> records) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder b = new StringBuilder();
      records.forEach(r -> b.append(write.apply(r)).append('\n'));
      Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }
}
