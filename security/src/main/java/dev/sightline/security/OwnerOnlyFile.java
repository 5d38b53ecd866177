package dev.sightline.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold key material: written whole or not at all (a synced temporary file renamed over
 * the old one), readable by their owner only, and changed under a lock that other processes
 * respect. Shared by the field-encryption keystore and the at-rest data-key store.
 */
public final class OwnerOnlyFile {
  /** Work done while holding a file's lock. */
  @FunctionalInterface
  public interface LockedAction<T> {
    T run() throws IOException;
  }

  // File locks are per process, and a second lock from this JVM throws: take a JVM lock first.
  private static final Object JVM_LOCK = new Object();

  private OwnerOnlyFile() {}

  /**
   * Writes {@code bytes} to {@code file} atomically: a crash leaves the old contents or the new,
   * never half a file. The file is created readable and writable by its owner only.
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      // No fallback to a plain copy: the temporary file is in the same directory, so a filesystem
      // that cannot rename atomically there is one where a crash could lose every key.
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
    } finally {
      // a stray temporary file holds no more than the file itself and is replaced next time
      Files.deleteIfExists(tmp);
    }
  }

  /** Runs {@code action} holding {@code file}'s lock file ({@code <file>.lock}), here and in other processes. */
  public static <T> T locked(Path file, LockedAction<T> action) throws IOException {
    Path lock = file.resolveSibling(file.getFileName() + ".lock");
    synchronized (JVM_LOCK) {
      Files.createDirectories(lock.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return action.run();
      }
    }
  }

  /** Whether users other than the owner may read the file; false where POSIX permissions do not apply. */
  public static boolean othersCanRead(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (UnsupportedOperationException | IOException e) {
      return false; // not a POSIX filesystem: its access control is out of our reach
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory to sync it; the rename is then as durable as they make it.
    }
  }
}
