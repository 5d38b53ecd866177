package dev.sightline.ingestlog;

import static java.util.Objects.requireNonNull;

/**
 * One durable entry: what kind of payload it holds, for which tenant, the address of the client
 * that sent it (empty when unknown), and its bytes.
 */
public record LogEntry(long sequence, Kind kind, String tenant, String peer, byte[] payload) {

  public LogEntry {
    requireNonNull(kind, "kind");
    requireNonNull(tenant, "tenant");
    requireNonNull(peer, "peer");
    requireNonNull(payload, "payload");
  }

  public LogEntry(long sequence, Kind kind, String tenant, byte[] payload) {
    this(sequence, kind, tenant, "", payload);
  }

  /** The payload type; its code is stored on disk and must never change. */
  public enum Kind {
    TRACES((byte) 1),
    METRICS((byte) 2),
    LOGS((byte) 3);

    private final byte code;

    Kind(byte code) {
      this.code = code;
    }

    public byte code() {
      return code;
    }

    public static Kind ofCode(byte code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown log entry kind " + code);
    }
  }
}
