package dev.sightline.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned AES-256 keys in a keystore file. The newest version encrypts; every older one stays
 * to decrypt what it encrypted. A key older than the rotation period is replaced by a new version,
 * and each rotation is recorded in the file (the first record, reason {@code created}, is the
 * ring's creation). The file is rewritten atomically and only readable by its owner.
 *
 * <pre>
 * {"keys": [{"version": 1, "created": "2026-01-01T00:00:00Z", "key": "base64 of 32 bytes"}],
 *  "rotations": [{"version": 2, "at": "2026-04-01T00:00:00Z", "reason": "scheduled"}]}
 * </pre>
 *
 * <p>Safe for concurrent use. Several rings may share a file, in one process or several: a
 * rotation first rereads the file under a lock, so they never write two different keys under one
 * version, and a ring asked for a version newer than it knows rereads the file.
 */
public final class KeyRing {
  /** A rotation as recorded in the file. */
  public record Rotation(int version, Instant at, String reason) {}

  private record State(NavigableMap<Integer, KeyVersion> versions, List<Rotation> rotations, long stamp) {
    KeyVersion newest() {
      return versions.lastEntry().getValue();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path file;
  private final Duration rotationPeriod;
  private final Clock clock;
  // Replaced whole, never changed, so encryption reads it without taking a lock.
  private volatile State state;

  private KeyRing(Path file, Duration rotationPeriod, Clock clock, State state) {
    this.file = file;
    this.rotationPeriod = rotationPeriod;
    this.clock = clock;
    this.state = state;
  }

  public static KeyRing open(Path file, Duration rotationPeriod, Clock clock, boolean createIfMissing) {
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException("the rotation period of keystore file " + file + " must be positive, was " + rotationPeriod);
    }
    State state;
    if (Files.exists(file)) {
      state = load(file);
    } else if (createIfMissing) {
      state = KeyStoreFile.locked(file, () -> Files.exists(file) ? load(file) : create(file, clock.instant()));
    } else {
      throw new KeyRingException("keystore file " + file + " does not exist");
    }
    warnIfOthersCanRead(file);
    return new KeyRing(file, rotationPeriod, clock, state);
  }

  /** The newest key, the one that encrypts. */
  public KeyVersion current() {
    return state.newest();
  }

  public Optional<KeyVersion> version(int version) {
    KeyVersion k = state.versions().get(version);
    if (k == null && version > state.newest().version()) {
      refresh();
      k = state.versions().get(version);
    }
    return Optional.ofNullable(k);
  }

  public List<Rotation> rotations() {
    return state.rotations();
  }

  public Path file() {
    return file;
  }

  /**
   * Adds and stores a new key version when the current one is at least the rotation period old.
   * Returns whether this call rotated; when another ring on the file rotated first, this one takes
   * over its key and returns false.
   */
  public synchronized boolean rotateIfDue() {
    Instant now = clock.instant();
    if (!due(state.newest(), now)) {
      return false;
    }
    return KeyStoreFile.locked(file, () -> {
      State disk = adopt(load(file));
      if (!due(disk.newest(), now)) {
        return false;
      }
      KeyVersion next = newKey(disk.newest().version() + 1, now);
      List<KeyVersion> keys = new ArrayList<>(disk.versions().values());
      keys.add(next);
      List<Rotation> rotations = new ArrayList<>(disk.rotations());
      rotations.add(new Rotation(next.version(), now, "scheduled"));
      KeyStoreFile.write(file, new KeyStoreFile.Contents(keys, rotations));
      state = state(keys, rotations, stamp(file));
      LOG.info("Rotated the field-encryption key in {} to version {}; older versions stay for decryption",
          file, next.version());
      return true;
    });
  }

  private boolean due(KeyVersion newest, Instant now) {
    return !newest.created().plus(rotationPeriod).isAfter(now);
  }

  /** Rereads the file if it changed, to learn versions another ring added. */
  private synchronized void refresh() {
    if (stamp(file) == state.stamp()) {
      return;
    }
    try {
      adopt(load(file));
    } catch (KeyRingException e) {
      // Decryption goes on with the keys already known; the file may be mid-edit by hand.
      LOG.warn("Keeping the keys already read: {}", e.getMessage());
    }
  }

  /** Takes the file's state, provided it still holds every key this ring uses. */
  private State adopt(State disk) {
    for (KeyVersion mine : state.versions().values()) {
      KeyVersion theirs = disk.versions().get(mine.version());
      if (theirs == null || !MessageDigest.isEqual(theirs.key().getEncoded(), mine.key().getEncoded())) {
        throw new KeyRingException("keystore file " + file + " no longer holds key version " + mine.version()
            + " as it was read; values encrypted with it would be lost, so the file is left alone");
      }
    }
    state = disk;
    return disk;
  }

  private static State create(Path file, Instant now) {
    List<KeyVersion> keys = List.of(newKey(1, now));
    List<Rotation> rotations = List.of(new Rotation(1, now, "created"));
    KeyStoreFile.write(file, new KeyStoreFile.Contents(keys, rotations));
    LOG.info("Created keystore file {} with field-encryption key version 1", file);
    return state(keys, rotations, stamp(file));
  }

  private static State load(Path file) {
    long stamp = stamp(file);
    KeyStoreFile.Contents c = KeyStoreFile.read(file);
    return state(c.keys(), c.rotations(), stamp);
  }

  private static State state(List<KeyVersion> keys, List<Rotation> rotations, long stamp) {
    TreeMap<Integer, KeyVersion> versions = new TreeMap<>();
    keys.forEach(k -> versions.put(k.version(), k));
    return new State(Collections.unmodifiableNavigableMap(versions), List.copyOf(rotations), stamp);
  }

  /** Modification time and size together, so that a rewrite within one clock tick still shows. */
  private static long stamp(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static KeyVersion newKey(int version, Instant created) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new KeyVersion(version, created, new SecretKeySpec(key, "AES"));
  }

  private static void warnIfOthersCanRead(Path file) {
    if (OwnerOnlyFile.othersCanRead(file)) {
      LOG.warn("Keystore file {} is readable by other users; restrict it with chmod 600", file);
    }
  }
}
