package dev.sightline.receivers.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.ingestlog.SegmentLog;
import dev.sightline.ingestlog.SegmentLogConfig;
import dev.sightline.otlp.OtlpValidator;
import dev.sightline.otlp.RequestLimits;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.otlp.OtlpIngest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * Forward's back-pressure against a real ingest log whose backlog limit is tiny and which nothing
 * drains: a chunk the log refuses is not acknowledged while the connection waits, is acknowledged
 * once the log has room again, and the connection is closed without an ack when it stays full.
 * Also the UDP heartbeat answer.
 */
class FluentReceiverTest {
  @TempDir Path dir;

  @Test
  void acknowledgesOnlyWhatTheLogTookAndClosesWhenItStaysFull() throws Exception {
    SelfMetrics metrics = new SelfMetrics();
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1024, 100, 2048))) {
      OtlpIngest ingest = new OtlpIngest(log, new OtlpValidator(new RequestLimits(1000, 128, 32768)),
          new LossAccounting(metrics), Clock.systemUTC());
      FluentReceiver receiver = new FluentReceiver(new FluentSettings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, 8,
          Duration.ofMinutes(1), 1000), ingest, "t", Clock.systemUTC(), metrics);
      receiver.start();
      try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
        socket.setSoTimeout(60_000);
        send(socket, "c1");
        assertThat(ack(socket)).isEqualTo("c1");

        send(socket, "c2"); // the backlog is now over 2048 bytes: refused, retried while the connection waits
        Thread.sleep(300);
        assertThat(socket.getInputStream().available()).isZero();
        log.releaseUpTo(log.lastSequence());
        assertThat(ack(socket)).isEqualTo("c2");

        send(socket, "c3"); // full again and never drained: no ack, the connection is closed for the client to retry
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
      assertThat(log.lastSequence()).isEqualTo(2);
      receiver.shutdown(Duration.ofSeconds(10));
    }
  }

  @Test
  void answersHeartbeats() throws Exception {
    SelfMetrics metrics = new SelfMetrics();
    try (SegmentLog log = SegmentLog.open(new SegmentLogConfig(dir, 1 << 20, 100, 1L << 30));
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      FluentReceiver receiver = new FluentReceiver(new FluentSettings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, 8,
          Duration.ofMinutes(1), 1000), new OtlpIngest(log, new OtlpValidator(new RequestLimits(1000, 128, 32768)),
          new LossAccounting(metrics), Clock.systemUTC()), "t", Clock.systemUTC(), metrics);
      receiver.start();
      udp.setSoTimeout(30_000);
      udp.send(new DatagramPacket(new byte[] {0}, 1, InetAddress.getLoopbackAddress(), receiver.port()));
      DatagramPacket answer = new DatagramPacket(new byte[8], 8);
      udp.receive(answer);
      assertThat(answer.getLength()).isEqualTo(1);
      receiver.shutdown(Duration.ofSeconds(10));
      assertThat(CompletableFuture.supplyAsync(() -> connectRefused(receiver.port())).get()).isTrue();
    }
  }

  /** A Message-mode event of about 3 KB with a chunk id. */
  private static void send(Socket socket, String chunk) throws IOException {
    byte[] bytes = FluentForwardDecoderTest.pack(p -> {
      p.packArrayHeader(4).packString("app").packLong(System.currentTimeMillis() / 1000);
      p.packMapHeader(1).packString("message").packString("x".repeat(3000));
      p.packMapHeader(1).packString("chunk").packString(chunk);
    });
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  private static String ack(Socket socket) throws IOException {
    Value answer = MessagePack.newDefaultUnpacker(socket.getInputStream()).unpackValue();
    return answer.asMapValue().map().get(ValueFactory.newString("ack")).toString();
  }

  private static boolean connectRefused(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
