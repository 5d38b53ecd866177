package dev.sightline.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts single values with AES-256-GCM under the key ring's current version, as
 * {@code enc:v<version>:<base64url(nonce | ciphertext | tag)>}, so a value names the key that
 * decrypts it. The version is bound into the authentication as associated data
 * ({@code sightline-field:v<version>}), so it cannot be swapped. Safe for concurrent use.
 *
 * <p>Nonces are 96 random bits per value: unlike a counter they need no state shared between
 * processes, and with keys rotated every few months no key comes near the 2^32 values after
 * which random nonces risk repeating.
 */
public final class FieldCipher {
  private static final Pattern TOKEN = Pattern.compile("enc:v([1-9]\\d{0,8}):([A-Za-z0-9_-]+)");
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final KeyRing ring;

  public FieldCipher(KeyRing ring) {
    this.ring = ring;
  }

  /** Whether the value has the shape of an encrypted value; says nothing of whether it decrypts. */
  public static boolean isToken(String value) {
    return TOKEN.matcher(value).matches();
  }

  /** The UTF-8 bytes of {@code plaintext} encrypted under the current key version. */
  public String encrypt(String plaintext) {
    KeyVersion k = ring.current();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(k.version()));
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return "enc:v" + k.version() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  }

  /** The plaintext of a value {@link #encrypt} made with any version still in the key ring. */
  public String decrypt(String token) {
    Matcher m = TOKEN.matcher(token);
    if (!m.matches()) {
      throw new FieldCipherException("not an encrypted value; expected enc:v<version>:<base64url>");
    }
    int version = Integer.parseInt(m.group(1));
    KeyVersion k = ring.version(version).orElseThrow(() -> new FieldCipherException(
        "key version " + version + " is not in the keystore " + ring.file()));
    byte[] data;
    try {
      data = Base64.getUrlDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new FieldCipherException("the encrypted value is not valid base64url");
    }
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new FieldCipherException("the encrypted value is too short to hold a nonce and a tag");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      c.updateAAD(aad(version));
      return new String(c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new FieldCipherException("the encrypted value fails authentication under key version " + version
          + ": it was altered or made with another key");
    } catch (GeneralSecurityException e) {
      throw new FieldCipherException("decryption failed: " + e.getMessage(), e);
    }
  }

  private static byte[] aad(int version) {
    return ("sightline-field:v" + version).getBytes(StandardCharsets.UTF_8);
  }
}
