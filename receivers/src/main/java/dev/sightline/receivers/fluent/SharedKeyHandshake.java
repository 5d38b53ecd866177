package dev.sightline.receivers.fluent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

/**
 * The Forward protocol's shared-key handshake, as Fluentd's {@code <security>} section and Fluent
 * Bit's {@code Shared_Key} speak it: the server sends {@code ["HELO", {nonce, auth: "", keepalive: true}]},
 * the client answers {@code ["PING", hostname, salt, sha512_hex(salt + hostname + nonce + key), user, password]},
 * and the server answers {@code ["PONG", true, "", server hostname, sha512_hex(salt + server hostname
 * + nonce + key)]}, or {@code ["PONG", false, reason, "", ""]} and closes. User names and passwords
 * are not supported (the HELO's empty {@code auth} tells clients none is needed).
 */
final class SharedKeyHandshake {
  /** Fluentd refuses a PONG carrying its own hostname, so the server names itself apart from the host. */
  static final String SERVER_HOSTNAME = "sightline";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] sharedKey;

  SharedKeyHandshake(String sharedKey) {
    this.sharedKey = sharedKey.getBytes(StandardCharsets.UTF_8);
  }

  /** Refused: the client does not know the key or does not speak the handshake. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  void perform(MessageUnpacker in, OutputStream out, BoundedValueReader reader) throws IOException, Refused {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      p.packArrayHeader(2).packString("HELO").packMapHeader(3);
      p.packString("nonce").packBinaryHeader(nonce.length).writePayload(nonce);
      p.packString("auth").packString("");
      p.packString("keepalive").packBoolean(true);
      send(out, p.toByteArray());
    }
    if (!in.hasNext()) {
      throw new Refused("closed the connection before its PING");
    }
    Value ping = reader.read(in);
    if (!ping.isArrayValue() || ping.asArrayValue().size() != 6 || !ping.asArrayValue().get(0).toString().equals("PING")
        || !raw(ping.asArrayValue(), 1, 2, 3)) {
      pong(out, false, "expected [\"PING\", hostname, shared_key_salt, shared_key_hexdigest, username, password]", "", "");
      String got = ping.toJson();
      throw new Refused("did not answer HELO with a PING (a shared key is configured); it sent "
          + (got.length() > 60 ? got.substring(0, 60) + "…" : got));
    }
    ArrayValue a = ping.asArrayValue();
    byte[] hostname = a.get(1).asRawValue().asByteArray();
    byte[] salt = a.get(2).asRawValue().asByteArray();
    String expected = sha512Hex(salt, hostname, nonce, sharedKey);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        a.get(3).asRawValue().toString().getBytes(StandardCharsets.US_ASCII))) {
      pong(out, false, "shared_key mismatch", "", "");
      throw new Refused("sent a PING with a wrong shared key (hostname '" + a.get(1).asRawValue() + "')");
    }
    pong(out, true, "", SERVER_HOSTNAME,
        sha512Hex(salt, SERVER_HOSTNAME.getBytes(StandardCharsets.UTF_8), nonce, sharedKey));
  }

  private static boolean raw(ArrayValue a, int... indexes) {
    for (int i : indexes) {
      if (!a.get(i).isRawValue()) {
        return false;
      }
    }
    return true;
  }

  private static void pong(OutputStream out, boolean ok, String reason, String hostname, String digest) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      p.packArrayHeader(5).packString("PONG").packBoolean(ok).packString(reason).packString(hostname).packString(digest);
      send(out, p.toByteArray());
    }
  }

  private static void send(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  static String sha512Hex(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-512");
      for (byte[] part : parts) {
        d.update(part);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-512", e);
    }
  }
}
