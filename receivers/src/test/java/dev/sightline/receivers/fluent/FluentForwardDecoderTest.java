package dev.sightline.receivers.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** The four Forward modes, both kinds of time, gzip with several members, and bad entries among good ones. */
class FluentForwardDecoderTest {
  private static final long SECONDS = 1_764_633_600L;
  private final ForwardDecoder decoder = new ForwardDecoder(1 << 20);

  interface Writer {
    void write(MessagePacker p) throws IOException;
  }

  static byte[] pack(Writer w) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      w.write(p);
      return p.toByteArray();
    }
  }

  static void eventTime(MessagePacker p, long seconds, int nanos) throws IOException {
    p.packExtensionTypeHeader((byte) 0, 8);
    p.writePayload(ByteBuffer.allocate(8).putInt((int) seconds).putInt(nanos).array());
  }

  static void record(MessagePacker p, String message) throws IOException {
    p.packMapHeader(2).packString("message").packString(message).packString("level").packString("warn");
  }

  private ForwardMessage decode(byte[] bytes) throws Exception {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
      return decoder.decode(new BoundedValueReader(1 << 20).read(in));
    }
  }

  @Test
  void messageModeWithIntegerTime() throws Exception {
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(3).packString("app.access").packLong(SECONDS);
      record(p, "hello");
    }));
    assertThat(m.tag()).isEqualTo("app.access");
    assertThat(m.chunk()).isNull();
    assertThat(m.problems()).isEmpty();
    assertThat(m.events()).singleElement().satisfies(e -> {
      assertThat(e.timeNanos()).isEqualTo(SECONDS * 1_000_000_000L);
      assertThat(e.record().toJson()).contains("\"message\":\"hello\"");
    });
  }

  @Test
  void forwardModeWithEventTimeAndChunk() throws Exception {
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(3).packString("app").packArrayHeader(2);
      p.packArrayHeader(2);
      eventTime(p, SECONDS, 123_456_789);
      record(p, "one");
      p.packArrayHeader(2).packLong(SECONDS + 1);
      record(p, "two");
      p.packMapHeader(2).packString("chunk").packString("cGF0aA==").packString("size").packInt(2);
    }));
    assertThat(m.chunk()).isEqualTo("cGF0aA==");
    assertThat(m.events()).extracting(ForwardMessage.Event::timeNanos)
        .containsExactly(SECONDS * 1_000_000_000L + 123_456_789L, (SECONDS + 1) * 1_000_000_000L);
  }

  @Test
  void packedForwardAsBinaryAndAsString() throws Exception {
    byte[] entries = entries("a", "b", "c");
    ForwardMessage bin = decode(pack(p -> {
      p.packArrayHeader(3).packString("packed").packBinaryHeader(entries.length).writePayload(entries);
      p.packMapHeader(1).packString("chunk").packString("c1");
    }));
    assertThat(bin.events()).hasSize(3);
    assertThat(bin.chunk()).isEqualTo("c1");
    ForwardMessage str = decode(pack(p -> p.packArrayHeader(2).packString("packed")
        .packRawStringHeader(entries.length).writePayload(entries)));
    assertThat(str.events()).hasSize(3);
  }

  @Test
  void compressedPackedForwardWithSeveralGzipMembers() throws Exception {
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    members.write(gzip(entries("a", "b")));
    members.write(gzip(entries("c")));
    byte[] body = members.toByteArray();
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(3).packString("gz").packBinaryHeader(body.length).writePayload(body);
      p.packMapHeader(2).packString("compressed").packString("gzip").packString("chunk").packString("c2");
    }));
    assertThat(m.problems()).isEmpty();
    assertThat(m.events()).hasSize(3);
    assertThat(m.events().get(2).record().toJson()).contains("\"c\"");
  }

  @Test
  void badEntriesAreReportedAndGoodOnesKept() throws Exception {
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(2).packString("mixed").packArrayHeader(5);
      p.packArrayHeader(2).packLong(SECONDS);
      record(p, "good");
      p.packString("not an entry");
      p.packArrayHeader(2).packString("yesterday");
      record(p, "bad time");
      p.packArrayHeader(2).packLong(SECONDS).packString("not a map");
      p.packArrayHeader(2);
      eventTime(p, SECONDS, 5);
      record(p, "also good");
    }));
    assertThat(m.events()).hasSize(2);
    assertThat(m.problems()).containsExactly(
        "entry 1: expected [time, record], got string",
        "entry 2: time \"yesterday\" (string) is not Unix seconds or an EventTime (extension type 0 of 8 bytes)",
        "entry 3: the record must be a map, got string");
  }

  @Test
  void truncatedPackedEntriesKeepTheCompleteOnes() throws Exception {
    byte[] entries = entries("a", "b");
    byte[] cut = java.util.Arrays.copyOf(entries, entries.length - 3);
    ForwardMessage m = decode(pack(p -> p.packArrayHeader(2).packString("cut").packBinaryHeader(cut.length).writePayload(cut)));
    assertThat(m.events()).hasSize(1);
    assertThat(m.skipped()).isEqualTo(1);
    assertThat(m.problems()).singleElement().asString().startsWith("entry 1 and any after it: packed entries unreadable");
  }

  @Test
  void notForwardIsMalformed() throws Exception {
    assertThatThrownBy(() -> decode(pack(p -> p.packInt(71))))
        .isInstanceOf(ForwardDecoder.Malformed.class).hasMessageContaining("got integer");
    assertThatThrownBy(() -> decode(pack(p -> p.packArrayHeader(2).packInt(1).packInt(2))))
        .hasMessageContaining("the tag (element 0) must be a string");
    assertThatThrownBy(() -> decode(pack(p -> p.packArrayHeader(3).packString("t").packBinaryHeader(0)
        .packMapHeader(1).packString("compressed").packString("zstd"))))
        .hasMessageContaining("option compressed 'zstd' is not supported");
  }

  @Test
  void declaredLengthsPastTheLimitAreRefusedBeforeAllocating() throws Exception {
    byte[] huge = pack(p -> p.packArrayHeader(2).packString("t").packArrayHeader(Integer.MAX_VALUE));
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(huge)) {
      assertThatThrownBy(() -> new BoundedValueReader(1 << 20).read(in))
          .isInstanceOf(BoundedValueReader.TooLarge.class).hasMessageContaining("limit of 1048576 bytes");
    }
    String[] many = new String[30_000];
    java.util.Arrays.fill(many, "x".repeat(40));
    byte[] bomb = gzip(entries(many));
    assertThat(bomb.length).isLessThan(1 << 20);
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(3).packString("bomb").packBinaryHeader(bomb.length).writePayload(bomb);
      p.packMapHeader(1).packString("compressed").packString("gzip");
    }));
    assertThat(m.events()).hasSizeBetween(1, 29_999);
    assertThat(m.skipped()).isEqualTo(1);
    assertThat(m.problems()).singleElement().asString().contains("inflate past the limit of 1048576 bytes");
  }

  @Test
  void aGarbledMessageDescribesOnlyItsFirstProblems() throws Exception {
    ForwardMessage m = decode(pack(p -> {
      p.packArrayHeader(2).packString("garbled").packArrayHeader(50);
      for (int i = 0; i < 50; i++) {
        p.packInt(i);
      }
    }));
    assertThat(m.skipped()).isEqualTo(50);
    assertThat(m.problems()).hasSize(ForwardMessage.MAX_PROBLEMS);
  }

  @Test
  void fluentBitMetadataPairsAndSignalsOtherThanLogs() throws Exception {
    ForwardMessage withMetadata = decode(pack(p -> {
      p.packArrayHeader(2).packString("fb").packArrayHeader(1).packArrayHeader(2);
      p.packArrayHeader(2);
      eventTime(p, SECONDS, 7);
      p.packMapHeader(0);
      record(p, "with metadata");
    }));
    assertThat(withMetadata.events()).singleElement().extracting(ForwardMessage.Event::timeNanos)
        .isEqualTo(SECONDS * 1_000_000_000L + 7);
    byte[] cmetrics = {(byte) 0x81, (byte) 0xa4, 'm', 'e', 't', 'a', (byte) 0xc0};
    ForwardMessage metrics = decode(pack(p -> {
      p.packArrayHeader(3).packString("fb.metrics").packBinaryHeader(cmetrics.length).writePayload(cmetrics);
      p.packMapHeader(2).packString("fluent_signal").packInt(1).packString("chunk").packString("k1");
    }));
    assertThat(metrics.events()).isEmpty();
    assertThat(metrics.chunk()).isEqualTo("k1");
    assertThat(metrics.problems()).singleElement().asString().contains("fluent_signal 1 (metrics or traces)");
  }

  @Test
  void eventTimeAndSecondsAsNanos() throws Exception {
    Value ext = MessagePack.newDefaultUnpacker(pack(p -> eventTime(p, 0xFFFF_FFF0L, 999_999_999))).unpackValue();
    assertThat(ForwardDecoder.nanos(ext)).isEqualTo(0xFFFF_FFF0L * 1_000_000_000L + 999_999_999L);
    Value fraction = MessagePack.newDefaultUnpacker(pack(p -> p.packDouble(1.5))).unpackValue();
    assertThat(ForwardDecoder.nanos(fraction)).isEqualTo(1_500_000_000L);
  }

  static byte[] entries(String... messages) throws IOException {
    return pack(p -> {
      for (String m : messages) {
        p.packArrayHeader(2);
        eventTime(p, SECONDS, 0);
        record(p, m);
      }
    });
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
