package dev.sightline.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Versioned AES-256 keys in a keystore file. The newest version encrypts; every older one stays
 * to decrypt what it encrypted. A key older than the rotation period is replaced by a new version,
 * and each rotation is recorded in the file. The file is rewritten atomically and only readable by
 * its owner.
 *
 * <pre>
 * {"keys": [{"version": 1, "created": "2026-01-01T00:00:00Z", "key": "base64 of 32 bytes"}],
 *  "rotations": [{"version": 2, "at": "2026-04-01T00:00:00Z", "reason": "scheduled"}]}
 * </pre>
 */
public final class KeyRing {
  /** A rotation as recorded in the file. */
  public record Rotation(int version, Instant at, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path file;
  private final Duration rotationPeriod;
  private final Clock clock;
  private final TreeMap<Integer, KeyVersion> versions = new TreeMap<>();
  private final List<Rotation> rotations = new ArrayList<>();

  private KeyRing(Path file, Duration rotationPeriod, Clock clock) {
    this.file = file;
    this.rotationPeriod = rotationPeriod;
    this.clock = clock;
  }

  public static KeyRing open(Path file, Duration rotationPeriod, Clock clock, boolean createIfMissing) {
    if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException("the rotation period must be positive, was " + rotationPeriod);
    }
    KeyRing ring = new KeyRing(file, rotationPeriod, clock);
    if (Files.exists(file)) {
      ring.read();
    } else if (createIfMissing) {
      ring.add(newKey(1, clock.instant()));
      ring.rotations.add(new Rotation(1, clock.instant(), "created"));
      ring.write();
    } else {
      throw new KeyRingException("keystore file " + file + " does not exist");
    }
    return ring;
  }

  public synchronized KeyVersion current() {
    return versions.lastEntry().getValue();
  }

  public synchronized Optional<KeyVersion> version(int version) {
    return Optional.ofNullable(versions.get(version));
  }

  public synchronized List<Rotation> rotations() {
    return List.copyOf(rotations);
  }

  public Path file() {
    return file;
  }

  /** Adds and stores a new key version when the current one is older than the rotation period. */
  public synchronized boolean rotateIfDue() {
    Instant now = clock.instant();
    if (current().created().plus(rotationPeriod).isAfter(now)) {
      return false;
    }
    int next = current().version() + 1;
    add(newKey(next, now));
    rotations.add(new Rotation(next, now, "scheduled"));
    try {
      write();
    } catch (KeyRingException e) {
      versions.remove(next);
      rotations.remove(rotations.size() - 1);
      throw e;
    }
    return true;
  }

  private static KeyVersion newKey(int version, Instant created) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new KeyVersion(version, created, new SecretKeySpec(key, "AES"));
  }

  private void add(KeyVersion k) {
    versions.put(k.version(), k);
  }

  private void read() {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new KeyRingException("keystore file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.path("keys").isArray() || root.path("keys").isEmpty()) {
      throw new KeyRingException("keystore file " + file + " holds no keys; expected {\"keys\": [{\"version\": 1, \"created\": ..., \"key\": ...}]}");
    }
    for (JsonNode k : root.path("keys")) {
      int version = k.path("version").asInt(-1);
      if (version < 1) {
        throw new KeyRingException("keystore file " + file + ": a key has no positive version");
      }
      byte[] key;
      Instant created;
      try {
        key = Base64.getDecoder().decode(k.path("key").asText(""));
        created = Instant.parse(k.path("created").asText(""));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new KeyRingException("keystore file " + file + ": key version " + version
            + " needs base64 key and an ISO-8601 created time", e);
      }
      if (key.length != 32) {
        throw new KeyRingException("keystore file " + file + ": key version " + version + " is "
            + key.length + " bytes; AES-256 needs 32");
      }
      if (versions.containsKey(version)) {
        throw new KeyRingException("keystore file " + file + ": key version " + version + " appears twice");
      }
      add(new KeyVersion(version, created, new SecretKeySpec(key, "AES")));
    }
    for (JsonNode r : root.path("rotations")) {
      rotations.add(new Rotation(r.path("version").asInt(), Instant.parse(r.path("at").asText()), r.path("reason").asText()));
    }
  }

  private void write() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode keys = root.putArray("keys");
    for (KeyVersion k : versions.values()) {
      keys.addObject().put("version", k.version()).put("created", k.created().toString())
          .put("key", Base64.getEncoder().encodeToString(k.key().getEncoded()));
    }
    ArrayNode rs = root.putArray("rotations");
    for (Rotation r : rotations) {
      rs.addObject().put("version", r.version()).put("at", r.at().toString()).put("reason", r.reason());
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException ignored) {
        // some filesystems cannot sync a directory; the file itself is synced
      }
    } catch (IOException e) {
      throw new KeyRingException("keystore file " + file + " cannot be written: " + e.getMessage(), e);
    }
  }
}
