package dev.sightline.security.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Computes an entry's hash from the previous hash and the entry's content: SHA-256, or
 * HMAC-SHA256 when a key is configured. A plain hash shows accidental and naive changes; anyone
 * who can write the files can recompute it, which the key prevents.
 */
final class ChainHash {
  static final int MIN_KEY_BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();
  private final @Nullable SecretKeySpec key;

  private ChainHash(@Nullable SecretKeySpec key) {
    this.key = key;
  }

  static ChainHash plain() {
    return new ChainHash(null);
  }

  static ChainHash keyed(byte[] key) {
    return new ChainHash(new SecretKeySpec(key, "HmacSHA256"));
  }

  static ChainHash forConfig(AuditLogConfig config) {
    Path file = config.hmacKeyFile();
    return file == null ? plain() : keyed(readKey(file));
  }

  boolean keyed() {
    return key != null;
  }

  String hash(String prev, byte[] content) {
    byte[] p = prev.getBytes(StandardCharsets.US_ASCII);
    try {
      if (key == null) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(p);
        return HEX.formatHex(sha.digest(content));
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(p);
      return HEX.formatHex(mac.doFinal(content));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HmacSHA256 are required of every Java platform", e);
    }
  }

  /** The key file holds base64 on one line; errors name the file, never its content. */
  static byte[] readKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new AuditLogException("audit.hmac_key_file " + file + " cannot be read: " + e, e);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new AuditLogException("audit.hmac_key_file " + file + " is not base64; expected one line such as the"
          + " output of 'openssl rand -base64 32'");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new AuditLogException("audit.hmac_key_file " + file + " holds " + key.length + " bytes; at least "
          + MIN_KEY_BYTES + " are needed");
    }
    return key;
  }
}
