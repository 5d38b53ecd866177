package dev.sightline.security.atrest;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key: AES-256, named by an id that is stored beside every data key it wraps.
 * {@link #toString()} leaves the key out.
 */
public record MasterKey(String id, SecretKey key) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public MasterKey {
    requireNonNull(id, "id");
    requireNonNull(key, "key");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("master key id '" + id + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    byte[] encoded = key.getEncoded();
    if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != 32) {
      throw new IllegalArgumentException("master key '" + id + "' must be 32 bytes of AES key");
    }
  }

  /** A key named by its fingerprint: the first 8 bytes of the SHA-256 of the key, in hex. */
  public static MasterKey fingerprinted(byte[] key) {
    return new MasterKey(fingerprint(key), new SecretKeySpec(key, "AES"));
  }

  static String fingerprint(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("sightline-master-key-id:".getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha.digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + id + "]";
  }
}
