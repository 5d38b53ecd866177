package dev.sightline.storage.objects;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Objects as files in a directory, for one machine without an object store: a put writes a
 * temporary file, forces it to disk and renames it into place, so a crash leaves the old object or
 * the new one.
 */
public final class FileObjectStore implements ObjectStore {
  private final Path root;

  public FileObjectStore(Path root) {
    this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  private Path file(String key) throws IOException {
    requireNonNull(key, "key");
    Path p = root.resolve(key).normalize();
    if (key.isEmpty() || !p.startsWith(root) || p.equals(root)) {
      throw new IOException("object key '" + key + "' leaves the store " + root);
    }
    return p;
  }

  @Override
  public void put(String key, Path source) throws IOException {
    Path target = file(key);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void get(String key, Path target) throws IOException {
    Path source = file(key);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      throw new IOException("no object '" + key + "' in " + root, e);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    Path p = file(key);
    return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
  }

  @Override
  public List<Entry> list(String prefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key = root.relativize(p).toString().replace('\\', '/');
        if (key.startsWith(prefix) && !key.endsWith(".tmp")) {
          out.add(new Entry(key, Files.size(p)));
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Entry::key));
    return out;
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
