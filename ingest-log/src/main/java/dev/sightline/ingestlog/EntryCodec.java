package dev.sightline.ingestlog;

import dev.sightline.security.atrest.AtRestException;
import dev.sightline.security.atrest.BlobCipher;
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
 *
 * <p>An encrypted entry has the top bit of its kind set and {@code tenantLength tenant payload}
 * sealed by a {@link BlobCipher}, bound to the entry's sequence and kind: {@code length crc32c
 * sequence kind|0x80 sealed}. The checksum covers the sealed bytes, so a torn tail is found
 * without a key, exactly as for plain entries; the sequence stays readable for recovery.
 */
final class EntryCodec {
  static final int HEADER = 8;
  static final char PEER_SEPARATOR = '\0';
  private static final int FIXED_BODY = 8 + 1 + 2;
  private static final int SEALED = 0x80;
  /** Larger lengths are treated as damage, so a flipped bit cannot make a reader allocate gigabytes. */
  static final int MAX_ENTRY = 1 << 30;
  static final int MAX_TENANT_BYTES = 0xFFFF;
  static final int MAX_PAYLOAD_BYTES = MAX_ENTRY - FIXED_BODY - MAX_TENANT_BYTES - BlobCipher.OVERHEAD;

  private EntryCodec() {}

  /** Bytes on disk of an entry whose tenant and payload are within the maxima above. */
  static int size(int tenantBytes, int payloadBytes, boolean sealed) {
    return HEADER + FIXED_BODY + tenantBytes + payloadBytes + (sealed ? BlobCipher.OVERHEAD : 0);
  }

  static void encode(ByteBuffer out, long sequence, LogEntry.Kind kind, byte[] tenant, byte[] payload,
      @Nullable BlobCipher cipher) {
    int start = out.position();
    if (cipher == null) {
      int length = FIXED_BODY + tenant.length + payload.length;
      out.putInt(length).putInt(0).putLong(sequence).put(kind.code()).putShort((short) tenant.length)
          .put(tenant).put(payload);
    } else {
      byte[] inner = ByteBuffer.allocate(2 + tenant.length + payload.length).putShort((short) tenant.length)
          .put(tenant).put(payload).array();
      int length = 8 + 1 + inner.length + BlobCipher.OVERHEAD;
      byte code = (byte) (kind.code() | SEALED);
      out.putInt(length).putInt(0).putLong(sequence).put(code);
      cipher.seal(inner, 0, inner.length, aad(sequence, code), out);
    }
    int length = out.position() - start - HEADER;
    CRC32C crc = new CRC32C();
    crc.update(out.slice(start + HEADER, length));
    out.putInt(start + 4, (int) crc.getValue());
  }

  /** What a sealed entry is bound to: the log, its sequence and its kind. */
  private static byte[] aad(long sequence, byte code) {
    byte[] label = "sightline-ingest-log".getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(label.length + 9).put(label).putLong(sequence).put(code).array();
  }

  /** Thrown when the bytes at an offset are not a whole, intact entry. */
  static final class CorruptEntry extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptEntry(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * An entry read from a file, with its size on disk; {@code entry} is null when only the framing
   * was checked (see {@link #frame}).
   */
  record Read(long sequence, @Nullable LogEntry entry, int bytes) {}

  /**
   * Reads the entry at {@code offset}, not reading past {@code limit}; null when the limit is
   * reached exactly, {@link CorruptEntry} when the bytes there are torn or damaged. An encrypted
   * entry needs {@code cipher}: without it, or when the entry fails authentication (intact bytes,
   * so not a torn write), this fails with an {@link AtRestException} rather than skip data.
   */
  static @Nullable Read read(FileChannel channel, long offset, long limit, @Nullable BlobCipher cipher)
      throws IOException, CorruptEntry {
    ByteBuffer body = body(channel, offset, limit);
    if (body == null) {
      return null;
    }
    int length = body.capacity();
    long sequence = body.getLong(0);
    byte code = body.get(8);
    LogEntry.Kind kind = kind(code, offset);
    byte[] inner = body.array();
    int from = 9;
    int to = length;
    if ((code & SEALED) != 0) {
      if (cipher == null) {
        throw new AtRestException("ingest-log entry " + sequence + " is encrypted; start with encryption.enabled=true "
            + "and the master key it was written under");
      }
      try {
        inner = cipher.open(body.array(), 9, length - 9, aad(sequence, code));
      } catch (AtRestException e) {
        throw new AtRestException("ingest-log entry " + sequence + " at offset " + offset + ": " + e.getMessage(), e);
      }
      from = 0;
      to = inner.length;
    }
    if (to - from < 2) {
      throw new CorruptEntry("invalid tenant length at offset " + offset);
    }
    int tenantLength = ((inner[from] & 0xFF) << 8) | (inner[from + 1] & 0xFF);
    if (from + 2 + tenantLength > to) {
      throw new CorruptEntry("invalid tenant length at offset " + offset);
    }
    String tenant = new String(inner, from + 2, tenantLength, StandardCharsets.UTF_8);
    String peer = "";
    int separator = tenant.indexOf(PEER_SEPARATOR);
    if (separator >= 0) {
      peer = tenant.substring(separator + 1);
      tenant = tenant.substring(0, separator);
    }
    byte[] payload = Arrays.copyOfRange(inner, from + 2 + tenantLength, to);
    return new Read(sequence, new LogEntry(sequence, kind, tenant, peer, payload), HEADER + length);
  }

  /**
   * Checks only the framing of the entry at {@code offset}: length, checksum and kind; no key is
   * needed. Recovery uses it to find a torn tail.
   */
  static @Nullable Read frame(FileChannel channel, long offset, long limit) throws IOException, CorruptEntry {
    ByteBuffer body = body(channel, offset, limit);
    if (body == null) {
      return null;
    }
    kind(body.get(8), offset);
    return new Read(body.getLong(0), null, HEADER + body.capacity());
  }

  private static @Nullable ByteBuffer body(FileChannel channel, long offset, long limit) throws IOException, CorruptEntry {
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
    return body;
  }

  private static LogEntry.Kind kind(byte code, long offset) throws CorruptEntry {
    try {
      return LogEntry.Kind.ofCode((byte) (code & ~SEALED));
    } catch (IllegalArgumentException e) {
      throw new CorruptEntry(e.getMessage() + " at offset " + offset);
    }
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
