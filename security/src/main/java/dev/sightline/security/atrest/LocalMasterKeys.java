package dev.sightline.security.atrest;

import dev.sightline.security.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Master keys held in this process, read from a file or an environment variable. Each entry is
 * {@code <id>:<base64 of 32 bytes>}, or the base64 alone (its id is then the key's fingerprint);
 * entries are separated by new lines, commas or spaces, and {@code #} starts a comment line. The
 * first entry is the current master key, which wraps; all of them unwrap, so a new key is rotated
 * in by listing it in front of the old one.
 *
 * <p>Wrapping is AES-256-GCM with a random 96-bit nonce and the context as associated data:
 * {@code nonce | ciphertext | tag}.
 */
public final class LocalMasterKeys implements MasterKeys {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMasterKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final Map<String, MasterKey> keys;
  private final String current;

  private LocalMasterKeys(List<MasterKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one master key is needed");
    }
    Map<String, MasterKey> byId = new LinkedHashMap<>();
    for (MasterKey k : keys) {
      if (byId.put(k.id(), k) != null) {
        throw new AtRestException("master key id '" + k.id() + "' is listed twice");
      }
    }
    this.keys = byId;
    this.current = keys.get(0).id();
  }

  public static LocalMasterKeys of(List<MasterKey> keys) {
    return new LocalMasterKeys(List.copyOf(keys));
  }

  /** Reads the keys from {@code file}; warns when users other than the owner may read it. */
  public static LocalMasterKeys fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AtRestException("master key file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (OwnerOnlyFile.othersCanRead(file)) {
      LOG.warn("Master key file {} is readable by other users; restrict it with chmod 600", file);
    }
    return parse(text, "master key file " + file);
  }

  /** Reads the keys from the text of an environment variable named {@code source}. */
  public static LocalMasterKeys fromText(String text, String source) {
    return parse(text, source);
  }

  private static LocalMasterKeys parse(String text, String source) {
    List<MasterKey> keys = new ArrayList<>();
    int entry = 0;
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String item : line.split("[,\\s]+")) {
        if (item.isEmpty()) {
          continue;
        }
        entry++;
        keys.add(entry(item, source, entry));
      }
    }
    if (keys.isEmpty()) {
      throw new AtRestException(source + " holds no master key; expected <id>:<base64 of 32 random bytes>, "
          + "e.g. made with: openssl rand -base64 32");
    }
    try {
      return new LocalMasterKeys(keys);
    } catch (AtRestException e) {
      throw new AtRestException(source + ": " + e.getMessage());
    }
  }

  private static MasterKey entry(String item, String source, int index) {
    int colon = item.indexOf(':');
    String id = colon < 0 ? null : item.substring(0, colon);
    String b64 = colon < 0 ? item : item.substring(colon + 1);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      // The message must not quote the entry: it is key material.
      throw new AtRestException(source + ": entry " + index + " is not valid base64; expected <id>:<base64 of 32 bytes>");
    }
    if (key.length != 32) {
      throw new AtRestException(source + ": entry " + index + " is " + key.length
          + " bytes of key; AES-256 needs 32 (openssl rand -base64 32)");
    }
    try {
      return id == null ? MasterKey.fingerprinted(key) : new MasterKey(id, new SecretKeySpec(key, "AES"));
    } catch (IllegalArgumentException e) {
      throw new AtRestException(source + ": entry " + index + ": " + e.getMessage());
    }
  }

  @Override
  public String currentId() {
    return current;
  }

  @Override
  public List<String> ids() {
    return List.copyOf(keys.keySet());
  }

  @Override
  public WrappedKey wrap(SecretKey dataKey, String context) {
    MasterKey k = keys.get(current);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(dataKey.getEncoded());
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return new WrappedKey(k.id(), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  }

  @Override
  public SecretKey unwrap(WrappedKey wrapped, String context) {
    MasterKey k = keys.get(wrapped.masterKeyId());
    if (k == null) {
      throw new AtRestException("the data key is wrapped by master key '" + wrapped.masterKeyId()
          + "', which is not configured (configured: " + String.join(", ", keys.keySet()) + ")");
    }
    byte[] data = wrapped.bytes();
    if (data.length <= NONCE_BYTES + TAG_BITS / 8) {
      throw new AtRestException("the wrapped data key is too short to hold a nonce, a key and a tag");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), "AES");
    } catch (AEADBadTagException e) {
      throw new AtRestException("the data key fails authentication under master key '" + k.id()
          + "': that master key is not the one that wrapped it, or the wrapped key was altered");
    } catch (GeneralSecurityException e) {
      throw new AtRestException("unwrapping a data key failed: " + e.getMessage(), e);
    }
  }
}
