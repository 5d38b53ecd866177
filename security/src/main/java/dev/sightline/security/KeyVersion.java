package dev.sightline.security;

import java.time.Instant;
import javax.crypto.SecretKey;

/** One AES-256 key of a {@link KeyRing}, by version. {@link #toString()} leaves the key out. */
public record KeyVersion(int version, Instant created, SecretKey key) {
  public KeyVersion {
    if (version < 1) {
      throw new IllegalArgumentException("key versions start at 1, was " + version);
    }
    byte[] encoded = key.getEncoded();
    if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != 32) {
      throw new IllegalArgumentException("key version " + version + " must be a 32-byte AES key, was "
          + key.getAlgorithm() + " of " + (encoded == null ? "unknown" : encoded.length) + " bytes");
    }
  }

  @Override
  public String toString() {
    return "KeyVersion[version=" + version + ", created=" + created + "]";
  }
}
