package dev.sightline.ingestlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk form of an entry, big-endian: {@code length:int crc32c:int sequence:long kind:byte
 * tenantLength:short tenant payload}. The length counts the bytes after the checksum, and the
 * checksum (CRC32C) covers exactly those bytes. The tenant field may go on with a NUL and the
 * sender's address; entries without one read as before.
 */
final class EntryCodec {
  static final int HEADER = 8;
  static final char PEER_SEPARATOR = '\0';
  private static final int FIXED_BODY = 8 + 1 + 2;
  /** Larger lengths are treated as damage, so a flipped bit cannot make a reader allocate gigabytes. */
  static final int MAX_ENTRY = 1 << 30;
  static final int MAX_TENANT_BYTES = 0xFFFF;
  static final int MAX_PAYLOAD_BYTES = MAX_ENTRY - FIXED_BODY - MAX_TENANT_BYTES;

  private EntryCodec() {}

  /** Bytes on disk of an entry whose tenant and payload are within the maxima above. */
  static int size(int tenantBytes, int payloadBytes) {
    return HEADER + FIXED_BODY + tenantBytes + payloadBytes;
  }

  static void encode(ByteBuffer out, long sequence, LogEntry.Kind kind, byte[] tenant, byte[] payload) {
    int length = FIXED_BODY + tenant.length + payload.length;
    int start = out.position();
    out.putInt(length).putInt(0).putLong(sequence).put(kind.code()).putShort((short) tenant.length)
        .put(tenant).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(out.slice(start + HEADER, length));
    out.putInt(start + 4, (int) crc.getValue());
  }

  /** Thrown when the bytes at an offset are not a whole, intact entry. */
  static final class CorruptEntry extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptEntry(String message) {
      super(message, null, false, false);
    }
  }

  /** An entry read from a file, with its size on disk. */
  record Read(LogEntry entry, int bytes) {}

  /**
   * Reads the entry at {@code offset}, not reading past {@code limit}; null when the limit is
   * reached exactly, {@link CorruptEntry} when the bytes there are torn or damaged.
   */
  static @Nullable Read read(FileChannel channel, long offset, long limit) throws IOException, CorruptEntry {
    if (offset >= limit) {
      return null;
    }
    if (limit - offset < HEADER) {
      throw new CorruptEntry("torn header at offset " + offset);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(channel, header, offset);
    int length = header.getInt(0);
    int expected = header.getInt(4);
    if (length < FIXED_BODY || length > MAX_ENTRY || offset + HEADER + length > limit) {
      throw new CorruptEntry("torn or invalid length " + length + " at offset " + offset);
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(channel, body, offset + HEADER);
    CRC32C crc = new CRC32C();
    crc.update(body.array(), 0, length);
    if ((int) crc.getValue() != expected) {
      throw new CorruptEntry("checksum mismatch at offset " + offset);
    }
    long sequence = body.getLong(0);
    LogEntry.Kind kind;
    try {
      kind = LogEntry.Kind.ofCode(body.get(8));
    } catch (IllegalArgumentException e) {
      throw new CorruptEntry(e.getMessage() + " at offset " + offset);
    }
    int tenantLength = Short.toUnsignedInt(body.getShort(9));
    if (FIXED_BODY + tenantLength > length) {
      throw new CorruptEntry("invalid tenant length at offset " + offset);
    }
    String tenant = new String(body.array(), FIXED_BODY, tenantLength, StandardCharsets.UTF_8);
    String peer = "";
    int separator = tenant.indexOf(PEER_SEPARATOR);
    if (separator >= 0) {
      peer = tenant.substring(separator + 1);
      tenant = tenant.substring(0, separator);
    }
    byte[] payload = Arrays.copyOfRange(body.array(), FIXED_BODY + tenantLength, length);
    return new Read(new LogEntry(sequence, kind, tenant, peer, payload), HEADER + length);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long p = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, p);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + p);
      }
      p += n;
    }
  }
}
