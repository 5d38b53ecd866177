package dev.sightline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.fluentd.logger.FluentLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.EventTime;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * The Fluent Forward receiver with real clients: fluent-logger-java (Message mode, no acks) and
 * Fluency (PackedForward with {@code chunk} acks), then PackedForward and gzip CompressedPackedForward
 * frames written here with msgpack-core, each acknowledged only once stored; bad entries among good
 * ones; streams that are not Forward at all, closed without harm to the server; and the
 * shared-key handshake (HELO/PING/PONG) computed here as Fluentd computes it.
 */
class FluentForwardTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  @TempDir Path dir;

  @Test
  void recordsFromFluentLoggerAndFluencyAreStoredWithTheirMapping() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--fluent.enabled=true", "--fluent.port=0")) {
      int port = server.server.fluentPort();
      long seconds = System.currentTimeMillis() / 1000 - 5;

      FluentLogger logger = FluentLogger.getLogger("web", "127.0.0.1", port);
      Map<String, Object> access = new LinkedHashMap<>();
      access.put("message", "GET /cart 200");
      access.put("level", "warn");
      access.put("service.name", "storefront");
      access.put("trace_id", TRACE);
      access.put("span_id", SPAN);
      access.put("bytes", 512);
      access.put("http", Map.of("method", "GET"));
      assertThat(logger.log("access", access, seconds)).isTrue();
      assertThat(logger.log("audit", Map.of("log", "user 7 signed in"), seconds)).isTrue();
      logger.flush();
      logger.close();

      FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
      builder.setAckResponseMode(true); // PackedForward with a chunk id; the chunk is sent again until acknowledged
      builder.setReadTimeoutMilli(60_000); // how long it waits for an ack: an fsync on a busy machine
      List<Throwable> fluencyErrors = new CopyOnWriteArrayList<>();
      builder.setErrorHandler(fluencyErrors::add);
      Fluency fluency = builder.build("127.0.0.1", port);
      for (int i = 0; i < 3; i++) {
        fluency.emit("shop.orders", new EventTime(seconds + 1, 123_456_789 + i), Map.of("msg", "order " + i + " paid",
            "severity", "error", "kubernetes", Map.of("pod_name", "orders-5f7", "namespace_name", "shop", "container_name", "orders")));
      }
      fluency.flush();
      assertThat(fluency.waitUntilAllBufferFlushed(60)).isTrue();
      fluency.close();
      assertThat(fluency.waitUntilFlusherTerminated(60)).isTrue();
      assertThat(fluencyErrors).isEmpty();
      server.awaitStored();

      JsonNode storefront = server.getJson("/api/v1/logs?service=storefront").get("logs");
      assertThat(storefront).hasSize(1);
      JsonNode cart = storefront.get(0);
      assertThat(cart.get("body").asText()).isEqualTo("GET /cart 200");
      assertThat(cart.get("timeUnixNano").asText()).isEqualTo(Long.toString(seconds * 1_000_000_000L));
      assertThat(cart.get("severityText").asText()).isEqualTo("warn");
      assertThat(cart.get("severityNumber").asInt()).isEqualTo(13);
      assertThat(cart.get("traceId").asText()).isEqualTo(TRACE);
      assertThat(cart.get("spanId").asText()).isEqualTo(SPAN);
      assertThat(cart.get("attributes").get("fluent.tag").asText()).isEqualTo("web.access");
      assertThat(cart.get("attributes").get("bytes").asLong()).isEqualTo(512);
      assertThat(cart.get("attributes").get("http.method").asText()).isEqualTo("GET");
      assertThat(cart.get("attributes").has("message")).isFalse();
      assertThat(server.getJson("/api/v1/logs?traceId=" + TRACE).get("logs")).hasSize(1);

      JsonNode web = server.getJson("/api/v1/logs?service=web").get("logs");
      assertThat(web).hasSize(1);
      assertThat(web.get(0).get("body").asText()).isEqualTo("user 7 signed in");

      JsonNode orders = server.getJson("/api/v1/logs?service=orders").get("logs");
      assertThat(orders).hasSize(3);
      assertThat(orders).extracting(o -> o.get("timeUnixNano").asText()).containsExactlyInAnyOrder(
          Long.toString((seconds + 1) * 1_000_000_000L + 123_456_789), Long.toString((seconds + 1) * 1_000_000_000L + 123_456_790),
          Long.toString((seconds + 1) * 1_000_000_000L + 123_456_791));
      JsonNode paid = orders.get(0);
      assertThat(paid.get("severityNumber").asInt()).isEqualTo(17);
      assertThat(paid.get("resource").get("attributes").get("k8s.pod.name").asText()).isEqualTo("orders-5f7");
      assertThat(paid.get("resource").get("attributes").get("k8s.namespace.name").asText()).isEqualTo("shop");
      assertThat(paid.get("attributes").get("fluent.tag").asText()).isEqualTo("shop.orders");
      assertThat(server.get("/metrics").body()).contains("sightline_fluent_records_total{outcome=\"accepted\"} 5");
    }
  }

  @Test
  void packedAndCompressedChunksAreAcknowledgedOnceStored() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--fluent.enabled=true", "--fluent.port=0");
        Socket socket = connect(server)) {
      long seconds = System.currentTimeMillis() / 1000 - 5;
      byte[] packed = entries(seconds, "packed one", "packed two");
      send(socket, pack(p -> {
        p.packArrayHeader(3).packString("raw.packed").packBinaryHeader(packed.length).writePayload(packed);
        p.packMapHeader(2).packString("chunk").packString("p1").packString("size").packInt(2);
      }));
      assertThat(ack(socket)).isEqualTo("p1");

      ByteArrayOutputStream members = new ByteArrayOutputStream();
      members.write(gzip(entries(seconds, "gzip one")));
      members.write(gzip(entries(seconds, "gzip two", "gzip three")));
      byte[] compressed = members.toByteArray();
      send(socket, pack(p -> {
        p.packArrayHeader(3).packString("raw.gzip").packBinaryHeader(compressed.length).writePayload(compressed);
        p.packMapHeader(3).packString("chunk").packString("c1").packString("size").packInt(3)
            .packString("compressed").packString("gzip");
      }));
      assertThat(ack(socket)).isEqualTo("c1");
      server.awaitStored();

      JsonNode raw = server.getJson("/api/v1/logs?service=raw").get("logs");
      assertThat(raw).extracting(l -> l.get("body").asText())
          .containsExactlyInAnyOrder("packed one", "packed two", "gzip one", "gzip two", "gzip three");
      assertThat(server.getJson("/api/v1/logs?service=raw&attr=fluent.tag=raw.gzip").get("logs")).hasSize(3);
    }
  }

  @Test
  void badEntriesAreSkippedAndStreamsThatAreNotForwardAreClosed() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--fluent.enabled=true", "--fluent.port=0",
        "--fluent.max.message.bytes=64KiB")) {
      long seconds = System.currentTimeMillis() / 1000 - 5;
      try (Socket socket = connect(server)) {
        send(socket, pack(p -> {
          p.packArrayHeader(3).packString("mixed").packArrayHeader(4);
          p.packArrayHeader(2).packLong(seconds).packMapHeader(1).packString("message").packString("good one");
          p.packString("junk");
          p.packArrayHeader(2).packLong(seconds).packString("not a map");
          p.packArrayHeader(2).packLong(seconds).packMapHeader(1).packString("message").packString("good two");
          p.packMapHeader(1).packString("chunk").packString("m1");
        }));
        assertThat(ack(socket)).isEqualTo("m1");
      }

      try (Socket http = connect(server)) {
        send(http, "GET / HTTP/1.1\r\nHost: sightline\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(http.getInputStream().read()).isEqualTo(-1);
      }
      try (Socket huge = connect(server)) {
        send(huge, pack(p -> p.packArrayHeader(2).packString("huge").packArrayHeader(1_000_000)));
        assertThat(huge.getInputStream().read()).isEqualTo(-1);
      }

      try (Socket after = connect(server)) {
        send(after, pack(p -> {
          p.packArrayHeader(4).packString("mixed").packLong(seconds).packMapHeader(1).packString("message").packString("still served");
          p.packMapHeader(1).packString("chunk").packString("m2");
        }));
        assertThat(ack(after)).isEqualTo("m2");
      }
      server.awaitStored();
      assertThat(server.getJson("/api/v1/logs?service=mixed").get("logs")).extracting(l -> l.get("body").asText())
          .containsExactlyInAnyOrder("good one", "good two", "still served");
      String metrics = server.get("/metrics").body();
      assertThat(metrics).contains("sightline_fluent_records_total{outcome=\"malformed\"} 2");
      assertThat(metrics).contains("sightline_fluent_records_total{outcome=\"accepted\"} 3");
      assertThat(metrics).contains("sightline_fluent_connections_closed_total{reason=\"malformed\"} 1");
      assertThat(metrics).contains("sightline_fluent_connections_closed_total{reason=\"too_large\"} 1");
    }
  }

  @Test
  void aSharedKeyIsRequiredWhenConfigured() throws Exception {
    try (TestServer server = new TestServer(dir.resolve("data"), "--fluent.enabled=true", "--fluent.port=0",
        "--fluent.shared.key=s3cret")) {
      long seconds = System.currentTimeMillis() / 1000 - 5;
      try (Socket socket = connect(server)) {
        MessageUnpacker in = MessagePack.newDefaultUnpacker(socket.getInputStream());
        byte[] nonce = helo(in);
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        send(socket, ping("collector-1", salt, sha512Hex(salt, bytes("collector-1"), nonce, bytes("s3cret"))));
        Value pong = in.unpackValue();
        assertThat(pong.asArrayValue().get(0).toString()).isEqualTo("PONG");
        assertThat(pong.asArrayValue().get(1).asBooleanValue().getBoolean()).isTrue();
        String hostname = pong.asArrayValue().get(3).toString();
        assertThat(pong.asArrayValue().get(4).toString()).isEqualTo(sha512Hex(salt, bytes(hostname), nonce, bytes("s3cret")));
        send(socket, pack(p -> {
          p.packArrayHeader(4).packString("secure").packLong(seconds).packMapHeader(1).packString("message").packString("trusted");
          p.packMapHeader(1).packString("chunk").packString("s1");
        }));
        assertThat(in.unpackValue().asMapValue().map().get(org.msgpack.value.ValueFactory.newString("ack")).toString())
            .isEqualTo("s1");
      }
      try (Socket wrong = connect(server)) {
        MessageUnpacker in = MessagePack.newDefaultUnpacker(wrong.getInputStream());
        byte[] nonce = helo(in);
        byte[] salt = new byte[16];
        send(wrong, ping("collector-2", salt, sha512Hex(salt, bytes("collector-2"), nonce, bytes("guess"))));
        Value pong = in.unpackValue();
        assertThat(pong.asArrayValue().get(1).asBooleanValue().getBoolean()).isFalse();
        assertThat(pong.asArrayValue().get(2).toString()).isEqualTo("shared_key mismatch");
        assertThat(wrong.getInputStream().read()).isEqualTo(-1);
      }
      try (Socket noHandshake = connect(server)) {
        MessageUnpacker in = MessagePack.newDefaultUnpacker(noHandshake.getInputStream());
        helo(in);
        send(noHandshake, pack(p -> p.packArrayHeader(3).packString("secure").packLong(seconds)
            .packMapHeader(1).packString("message").packString("sneaky")));
        assertThat(in.unpackValue().asArrayValue().get(1).asBooleanValue().getBoolean()).isFalse();
        assertThat(noHandshake.getInputStream().read()).isEqualTo(-1);
      }
      server.awaitStored();
      assertThat(server.getJson("/api/v1/logs?service=secure").get("logs")).extracting(l -> l.get("body").asText())
          .containsExactly("trusted");
      assertThat(server.get("/metrics").body()).contains("sightline_fluent_connections_closed_total{reason=\"unauthenticated\"} 2");
    }
  }

  /** Reads {@code ["HELO", {nonce, auth, keepalive}]} and returns the nonce. */
  private static byte[] helo(MessageUnpacker in) throws IOException {
    Value helo = in.unpackValue();
    assertThat(helo.asArrayValue().get(0).toString()).isEqualTo("HELO");
    return helo.asArrayValue().get(1).asMapValue().map().get(org.msgpack.value.ValueFactory.newString("nonce"))
        .asRawValue().asByteArray();
  }

  private static byte[] ping(String hostname, byte[] salt, String digest) throws IOException {
    return pack(p -> {
      p.packArrayHeader(6).packString("PING").packString(hostname).packBinaryHeader(salt.length).writePayload(salt);
      p.packString(digest).packString("").packString("");
    });
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha512Hex(byte[]... parts) throws Exception {
    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-512");
    for (byte[] part : parts) {
      d.update(part);
    }
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  interface Writer {
    void write(MessagePacker p) throws IOException;
  }

  private static byte[] pack(Writer w) throws IOException {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      w.write(p);
      return p.toByteArray();
    }
  }

  /** PackedForward entries: {@code [EventTime, {"message": m}]} one after the other. */
  private static byte[] entries(long seconds, String... messages) throws IOException {
    return pack(p -> {
      for (String m : messages) {
        p.packArrayHeader(2).packExtensionTypeHeader((byte) 0, 8);
        p.writePayload(ByteBuffer.allocate(8).putInt((int) seconds).putInt(0).array());
        p.packMapHeader(1).packString("message").packString(m);
      }
    });
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static Socket connect(TestServer server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.server.fluentPort()), 5_000);
    socket.setSoTimeout(60_000); // generous: an ack waits for an fsync on a busy machine
    return socket;
  }

  private static void send(Socket socket, byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Reads one {@code {"ack": chunk}} answer; the unpacker is not closed so the socket stays open. */
  private static String ack(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in);
    Value answer = unpacker.unpackValue();
    assertThat(answer.isMapValue()).as("answer %s", answer).isTrue();
    return answer.asMapValue().map().get(org.msgpack.value.ValueFactory.newString("ack")).toString();
  }
}
