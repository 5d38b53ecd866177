package dev.sightline.security.atrest;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for blobs under the data keys of a {@link DataKeyStore}, with a key derived per
 * purpose. A sealed blob is {@code format:byte(1) keyVersion:int nonce:12 ciphertext tag:16}; the
 * header and the caller's associated data (where the blob lives: e.g. a log entry's sequence) are
 * authenticated, so a blob moved elsewhere, altered, or opened with another key is refused.
 *
 * <p>Nonces: a random 96-bit start per key version and process, counted up by one per blob.
 * Within a process no nonce repeats; across processes two sequences would have to start within a
 * few billion of each other in a 2^96 space. Unlike purely random nonces this has no 2^32-blob
 * limit per key. Safe for concurrent use.
 */
public final class BlobCipher {
  /** Bytes a sealed blob adds to its plaintext. */
  public static final int OVERHEAD = 1 + 4 + 12 + 16;
  private static final byte FORMAT = 1;
  private static final int HEADER = 5;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  });

  /** The key that seals now and where its nonces have got to. */
  private record Sealing(int version, SecretKey key, long nonceHigh, long nonceLowStart, AtomicLong count) {}

  private final DataKeyStore keys;
  private final String purpose;
  private final Map<Integer, SecretKey> derived = new ConcurrentHashMap<>();
  private volatile Sealing sealing;

  /** A cipher for {@code purpose}, e.g. {@code "ingest-log"}; each purpose has keys of its own. */
  public BlobCipher(DataKeyStore keys, String purpose) {
    this.keys = requireNonNull(keys, "keys");
    this.purpose = requireNonNull(purpose, "purpose");
    this.sealing = sealingFor(keys.current());
  }

  /** The data-key version new blobs are sealed with. */
  public int currentVersion() {
    return keys.current().version();
  }

  public String purpose() {
    return purpose;
  }

  /** {@code plaintext} sealed under the current data key, bound to {@code aad}. */
  public byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] out = new byte[plaintext.length + OVERHEAD];
    seal(plaintext, 0, plaintext.length, aad, ByteBuffer.wrap(out));
    return out;
  }

  /** Seals {@code plaintext[offset, offset + length)} into {@code out}, which advances by {@code length + OVERHEAD}. */
  public void seal(byte[] plaintext, int offset, int length, byte[] aad, ByteBuffer out) {
    Sealing s = currentSealing();
    byte[] nonce = ByteBuffer.allocate(NONCE_BYTES).putInt((int) s.nonceHigh())
        .putLong(s.nonceLowStart() + s.count().getAndIncrement()).array();
    byte[] header = ByteBuffer.allocate(HEADER).put(FORMAT).putInt(s.version()).array();
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.ENCRYPT_MODE, s.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(header);
      c.updateAAD(aad);
      out.put(header).put(nonce);
      c.doFinal(ByteBuffer.wrap(plaintext, offset, length), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM sealing failed: " + e.getMessage(), e);
    }
  }

  /** The plaintext of a blob {@link #seal} made with any data-key version still in the store. */
  public byte[] open(byte[] sealed, byte[] aad) {
    return open(sealed, 0, sealed.length, aad);
  }

  /** Opens the sealed blob at {@code sealed[offset, offset + length)}. */
  public byte[] open(byte[] sealed, int offset, int length, byte[] aad) {
    if (length < OVERHEAD) {
      throw new AtRestException("the encrypted blob is " + length + " bytes, too short for its header and tag");
    }
    ByteBuffer in = ByteBuffer.wrap(sealed, offset, length);
    byte format = in.get();
    if (format != FORMAT) {
      throw new AtRestException("the encrypted blob has format " + format + "; this version reads format " + FORMAT);
    }
    int version = in.getInt();
    SecretKey key = keyFor(version);
    try {
      Cipher c = CIPHERS.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset + HEADER, NONCE_BYTES));
      c.updateAAD(sealed, offset, HEADER);
      c.updateAAD(aad);
      int start = offset + HEADER + NONCE_BYTES;
      return c.doFinal(sealed, start, length - HEADER - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new AtRestException("the encrypted blob fails authentication under data key version " + version
          + ": it was altered, moved from elsewhere, or made with another key");
    } catch (GeneralSecurityException e) {
      throw new AtRestException("decryption failed: " + e.getMessage(), e);
    }
  }

  private SecretKey keyFor(int version) {
    SecretKey k = derived.get(version);
    if (k != null) {
      return k;
    }
    DataKey dataKey = keys.version(version).orElseThrow(() -> new AtRestException("data key version " + version
        + " is not in the data-key file " + keys.file() + "; it holds versions up to " + keys.current().version()));
    return derived.computeIfAbsent(version, v -> dataKey.derive(purpose));
  }

  private Sealing currentSealing() {
    Sealing s = sealing;
    DataKey current = keys.current();
    if (s.version() == current.version()) {
      return s;
    }
    synchronized (this) {
      if (sealing.version() != current.version()) {
        sealing = sealingFor(current);
      }
      return sealing;
    }
  }

  private Sealing sealingFor(DataKey key) {
    return new Sealing(key.version(), keyFor(key.version()), RANDOM.nextInt(), RANDOM.nextLong(), new AtomicLong());
  }
}
