package dev.sightline.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads and writes the keystore file. Writes go to a temporary file that is synced and renamed
 * over the old one, so a crash leaves either the old keys or the new ones, never half a file.
 */
final class KeyStoreFile {
  record Contents(List<KeyVersion> keys, List<KeyRing.Rotation> rotations) {}

  // Parse errors must not quote the file: it holds the keys.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private KeyStoreFile() {}

  /** Runs {@code action} holding a lock that other rings on the file, here or in other processes, respect. */
  static <T> T locked(Path file, Supplier<T> action) {
    try {
      return OwnerOnlyFile.locked(file, action::get);
    } catch (IOException e) {
      throw new KeyRingException("keystore file " + file + " cannot be locked through " + file.getFileName()
          + ".lock: " + e.getMessage(), e);
    }
  }

  static Contents read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      // Only the position: the parser's own message may quote a token of the file, a key perhaps.
      JsonLocation at = e.getLocation();
      throw new KeyRingException("keystore file " + file + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new KeyRingException("keystore file " + file + " cannot be read: " + e, e);
    }
    if (root == null || !root.path("keys").isArray() || root.path("keys").isEmpty()) {
      throw new KeyRingException("keystore file " + file
          + " holds no keys; expected {\"keys\": [{\"version\": 1, \"created\": \"<ISO-8601>\", \"key\": \"<base64>\"}]}");
    }
    List<KeyVersion> keys = new ArrayList<>();
    for (JsonNode k : root.path("keys")) {
      KeyVersion key = key(file, keys.size(), k);
      if (keys.stream().anyMatch(other -> other.version() == key.version())) {
        throw new KeyRingException("keystore file " + file + ": key version " + key.version() + " appears twice");
      }
      keys.add(key);
    }
    List<KeyRing.Rotation> rotations = new ArrayList<>();
    for (JsonNode r : root.path("rotations")) {
      String at = r.path("at").asText("");
      if (!r.path("version").canConvertToInt() || !r.path("reason").isTextual()) {
        throw new KeyRingException("keystore file " + file + ": rotation #" + (rotations.size() + 1)
            + " needs a version, an at time and a reason");
      }
      rotations.add(new KeyRing.Rotation(r.path("version").asInt(), instant(file, at, "rotation #" + (rotations.size() + 1)),
          r.path("reason").asText()));
    }
    return new Contents(keys, rotations);
  }

  private static KeyVersion key(Path file, int index, JsonNode k) {
    JsonNode v = k.path("version");
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
      throw new KeyRingException("keystore file " + file + ": key #" + (index + 1) + " has no positive integer version");
    }
    int version = v.asInt();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(k.path("key").asText(""));
    } catch (IllegalArgumentException e) {
      throw new KeyRingException("keystore file " + file + ": key version " + version + " is not valid base64");
    }
    if (key.length != 32) {
      throw new KeyRingException("keystore file " + file + ": key version " + version + " is " + key.length
          + " bytes; AES-256 needs 32");
    }
    Instant created = instant(file, k.path("created").asText(""), "key version " + version);
    return new KeyVersion(version, created, new SecretKeySpec(key, "AES"));
  }

  private static Instant instant(Path file, String text, String what) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new KeyRingException("keystore file " + file + ": " + what + " has time '" + text
          + "', not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }

  static void write(Path file, Contents contents) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode keys = root.putArray("keys");
    for (KeyVersion k : contents.keys()) {
      keys.addObject().put("version", k.version()).put("created", k.created().toString())
          .put("key", Base64.getEncoder().encodeToString(k.key().getEncoded()));
    }
    ArrayNode rotations = root.putArray("rotations");
    for (KeyRing.Rotation r : contents.rotations()) {
      rotations.addObject().put("version", r.version()).put("at", r.at().toString()).put("reason", r.reason());
    }
    try {
      OwnerOnlyFile.write(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new KeyRingException("keystore file " + file + " cannot be written: " + e, e);
    }
  }
}
