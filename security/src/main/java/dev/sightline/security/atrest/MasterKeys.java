package dev.sightline.security.atrest;

import java.util.List;
import javax.crypto.SecretKey;

/**
 * The key-management service: wraps data keys under the current master key and unwraps them
 * under whichever master key wrapped them. {@link LocalMasterKeys} keeps the master keys in this
 * process; a cloud KMS would keep them in its own hardware and do the same two operations.
 */
public interface MasterKeys {

  /** The id of the master key that wraps from now on. */
  String currentId();

  /** The ids of every master key that can unwrap, the current one first. */
  List<String> ids();

  /**
   * The data key encrypted under the current master key; {@code context} is authenticated with it,
   * so a wrapped key only unwraps for the same context (e.g. its version).
   */
  WrappedKey wrap(SecretKey dataKey, String context);

  /**
   * The data key, or an {@link AtRestException} when its master key is not configured or the
   * wrapped bytes fail authentication (the wrong master key under that id, or an altered file).
   */
  SecretKey unwrap(WrappedKey wrapped, String context);

  /** A data key encrypted by the master key {@code masterKeyId}. */
  record WrappedKey(String masterKeyId, byte[] bytes) {}
}
