package dev.sightline.ingestlog.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;

/**
 * A single-node KRaft broker in this JVM, on free ports, with its data in a temporary directory.
 * It can be stopped and started again on the same port and data, to test what clients do while
 * Kafka is down.
 */
public final class KafkaTestBroker implements AutoCloseable {
  private final Path dir;
  private final int brokerPort;
  private final Properties props;
  private @Nullable KafkaRaftServer server;

  private KafkaTestBroker(Path dir, int brokerPort, int controllerPort) {
    this.dir = dir;
    this.brokerPort = brokerPort;
    props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dir.resolve("data").toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "false");
  }

  /** Formats a new temporary directory and starts the broker; about a second. */
  public static KafkaTestBroker start() {
    try {
      KafkaTestBroker broker = new KafkaTestBroker(Files.createTempDirectory("sightline-kafka"), freePort(), freePort());
      broker.format();
      broker.restart();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void format() throws IOException {
    Path file = dir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(file)) {
      props.store(w, "test broker");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // StorageTool.main would exit the JVM; execute returns a status instead.
    int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException("formatting the Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  /** Starts the broker (again) on the same port and data. */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    s.startup();
    server = s;
  }

  /** Stops the broker; clients see it unreachable until {@link #restart()}. */
  public synchronized void stop() {
    KafkaRaftServer s = server;
    if (s != null) {
      s.shutdown();
      s.awaitShutdown();
      server = null;
    }
  }

  public String bootstrapServers() {
    return "localhost:" + brokerPort;
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
