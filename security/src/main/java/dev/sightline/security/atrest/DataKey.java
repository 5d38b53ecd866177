package dev.sightline.security.atrest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of the data key, wrapped on disk by a master key. {@link #toString()} leaves the
 * key out.
 *
 * @param masterKeyId the master key that wraps it in the data-key file
 */
public record DataKey(int version, Instant created, String masterKeyId, SecretKey key) {
  public DataKey {
    if (version < 1) {
      throw new IllegalArgumentException("data key versions start at 1, was " + version);
    }
    byte[] encoded = key.getEncoded();
    if (encoded == null || encoded.length != 32) {
      throw new IllegalArgumentException("data key version " + version + " must be 32 bytes");
    }
  }

  /**
   * A key for one purpose ({@code "ingest-log"}, {@code "store"}), derived as HKDF-Expand with
   * SHA-256 (RFC 5869, one block), so that one data key never serves two ciphers directly.
   */
  public SecretKey derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      mac.update(("sightline-at-rest:" + purpose).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return new SecretKeySpec(mac.doFinal(), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  DataKey rewrapped(String masterKeyId) {
    return new DataKey(version, created, masterKeyId, key);
  }

  @Override
  public String toString() {
    return "DataKey[version=" + version + ", created=" + created + ", masterKeyId=" + masterKeyId + "]";
  }
}
