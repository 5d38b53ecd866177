package dev.sightline.security;

import java.time.Instant;
import javax.crypto.SecretKey;

/** One AES-256 key of a {@link KeyRing}, by version. */
public record KeyVersion(int version, Instant created, SecretKey key) {
  @Override
  public String toString() {
    return "KeyVersion[version=" + version + ", created=" + created + "]";
  }
}
