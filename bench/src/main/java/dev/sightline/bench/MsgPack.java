package dev.sightline.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough MessagePack to write Fluent Forward messages: arrays, maps, strings, binary, EventTime. */
final class MsgPack {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  MsgPack array(int size) {
    return header(size, 0x90, 0xdc, 0xdd);
  }

  MsgPack map(int size) {
    return header(size, 0x80, 0xde, 0xdf);
  }

  MsgPack string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < 32) {
      out.write(0xa0 | b.length);
    } else if (b.length < 256) {
      out.write(0xd9);
      out.write(b.length);
    } else {
      out.write(0xda);
      u16(b.length);
    }
    out.writeBytes(b);
    return this;
  }

  MsgPack binary(byte[] b) {
    out.write(0xc6);
    u32(b.length);
    out.writeBytes(b);
    return this;
  }

  /** Fluentd's EventTime: ext type 0 with seconds and nanoseconds as two big-endian 32-bit numbers. */
  MsgPack eventTime(long epochNanos) {
    out.write(0xd7);
    out.write(0);
    u32((int) (epochNanos / 1_000_000_000L));
    u32((int) (epochNanos % 1_000_000_000L));
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }

  private MsgPack header(int size, int fix, int sixteen, int thirtyTwo) {
    if (size < 16) {
      out.write(fix | size);
    } else if (size < 65536) {
      out.write(sixteen);
      u16(size);
    } else {
      out.write(thirtyTwo);
      u32(size);
    }
    return this;
  }

  private void u16(int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  private void u32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
