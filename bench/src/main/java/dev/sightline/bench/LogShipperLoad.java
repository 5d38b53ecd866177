package dev.sightline.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code LogShipperLoad --protocol=syslog|fluent --endpoint=127.0.0.1:5514 --seconds=30
 * --connections=4 --batch=500}: log records over the protocols log shippers speak. Syslog is RFC
 * 5424 with octet-counting framing over TCP, written as fast as the socket takes it (syslog has no
 * acknowledgement, so what counts is what the server stores). Fluent Forward sends PackedForward
 * messages of {@code batch} records with a {@code chunk} option and waits for each {@code ack}, as
 * Fluent Bit and Fluentd do with {@code require_ack_response}. Ends with a {@code RESULT {...}} line.
 */
public final class LogShipperLoad {
  private final String protocol;
  private final InetSocketAddress endpoint;
  private final long deadline;
  private final int batch;
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder failures = new LongAdder();

  private LogShipperLoad(String protocol, InetSocketAddress endpoint, long deadline, int batch) {
    this.protocol = protocol;
    this.endpoint = endpoint;
    this.deadline = deadline;
    this.batch = batch;
  }

  public static void main(String[] args) throws InterruptedException {
    String protocol = option(args, "protocol", "syslog");
    if (!protocol.equals("syslog") && !protocol.equals("fluent")) {
      System.err.println("--protocol: '" + protocol + "' is not syslog or fluent");
      System.exit(2);
    }
    String[] hostPort = option(args, "endpoint", protocol.equals("syslog") ? "127.0.0.1:5514" : "127.0.0.1:24224").split(":");
    int seconds = Integer.parseInt(option(args, "seconds", "30"));
    int connections = Integer.parseInt(option(args, "connections", "4"));
    long start = System.nanoTime();
    LogShipperLoad load = new LogShipperLoad(protocol, new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
        start + seconds * 1_000_000_000L, Integer.parseInt(option(args, "batch", "500")));
    Thread[] workers = new Thread[connections];
    for (int i = 0; i < connections; i++) {
      long seed = i;
      workers[i] = Thread.ofPlatform().name("shipper-" + i).start(() -> load.ship(seed));
    }
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("RESULT {\"protocol\":\"%s\",\"seconds\":%.2f,\"sent\":%d,\"acknowledged\":%d,"
        + "\"sentPerSecond\":%.0f,\"acknowledgedPerSecond\":%.0f,\"failures\":%d}%n", protocol, elapsed, load.sent.sum(),
        load.acknowledged.sum(), load.sent.sum() / elapsed, load.acknowledged.sum() / elapsed, load.failures.sum());
    System.exit(0);
  }

  private static String option(String[] args, String key, String otherwise) {
    return Arrays.stream(args).filter(a -> a.startsWith("--" + key + "=")).map(a -> a.substring(key.length() + 3))
        .findFirst().orElse(otherwise);
  }

  private void ship(long seed) {
    LogRecords records = new LogRecords(seed);
    try (Socket socket = new Socket()) {
      socket.connect(endpoint, 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      long chunk = 0;
      while (System.nanoTime() < deadline) {
        if (protocol.equals("syslog")) {
          out.write(syslogFrames(records));
          sent.add(batch);
        } else {
          String id = "c%023d".formatted(seed * 1_000_000_000L + chunk++);
          out.write(packedForward(records, id));
          out.flush();
          sent.add(batch);
          awaitAck(in, id);
          acknowledged.add(batch);
        }
      }
      out.flush();
    } catch (IOException e) {
      failures.increment();
      System.err.println("connection ended: " + e);
    }
  }

  private byte[] syslogFrames(LogRecords records) {
    StringBuilder frames = new StringBuilder(batch * 200);
    String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    for (int i = 0; i < batch; i++) {
      LogRecords.Record r = records.next();
      String sd = r.traceId().isEmpty() ? "-" : "[trace@32473 trace_id=\"" + r.traceId() + "\"]";
      String message = "<" + (16 * 8 + LogRecords.syslogSeverity(r.level())) + ">1 " + now + " web-7 " + r.service()
          + " 4242 - " + sd + " " + r.message();
      frames.append(message.getBytes(StandardCharsets.UTF_8).length).append(' ').append(message);
    }
    return frames.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] packedForward(LogRecords records, String chunkId) {
    MsgPack entries = new MsgPack();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < batch; i++) {
      LogRecords.Record r = records.next();
      entries.array(2).eventTime(now).map(r.traceId().isEmpty() ? 3 : 4)
          .string("message").string(r.message()).string("level").string(r.level()).string("service.name").string(r.service());
      if (!r.traceId().isEmpty()) {
        entries.string("trace_id").string(r.traceId());
      }
    }
    return new MsgPack().array(3).string("app." + "logs").binary(entries.bytes())
        .map(2).string("chunk").string(chunkId).string("size").string(Integer.toString(batch)).bytes();
  }

  /** Reads {@code {"ack": id}}: a one-entry map, the key "ack" and the chunk id as a short string. */
  private static void awaitAck(DataInputStream in, String id) throws IOException {
    byte[] expected = new MsgPack().map(1).string("ack").string(id).bytes();
    byte[] got = new byte[expected.length];
    in.readFully(got);
    if (!Arrays.equals(expected, got)) {
      throw new IOException("unexpected answer to chunk " + id + ": " + Arrays.toString(got));
    }
  }
}
