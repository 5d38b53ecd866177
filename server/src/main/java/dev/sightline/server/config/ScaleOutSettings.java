package dev.sightline.server.config;

import dev.sightline.ingestlog.kafka.KafkaLogConfig;
import dev.sightline.ingestlog.kafka.TopicSpec;
import dev.sightline.storage.breaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * The node's role and its ingest log: local segment files, or Kafka when {@code kafka} is set.
 * The ingest and worker roles only make sense around a shared log, so they need Kafka.
 */
public record ScaleOutSettings(NodeRole role, @Nullable KafkaLogConfig kafka) {

  static ScaleOutSettings read(ConfigValues v) {
    NodeRole role = NodeRole.parse(v.string("node.role"));
    String log = v.string("ingest.log");
    if (log.equals("local")) {
      if (role == NodeRole.INGEST || role == NodeRole.WORKER) {
        throw new ConfigException("node.role=" + role.name().toLowerCase(java.util.Locale.ROOT)
            + " needs ingest.log=kafka: ingest and worker nodes share the log through Kafka");
      }
      return new ScaleOutSettings(role, null);
    }
    if (!log.equals("kafka")) {
      throw new ConfigException("ingest.log: '" + log + "' is not local or kafka");
    }
    String servers = v.optional("kafka.bootstrap.servers");
    if (servers.isEmpty()) {
      throw new ConfigException("kafka.bootstrap.servers: required with ingest.log=kafka, e.g. kafka-1:9092,kafka-2:9092");
    }
    try {
      return new ScaleOutSettings(role, new KafkaLogConfig(servers,
          new TopicSpec(v.string("kafka.topic.traces"), v.integer("kafka.topic.traces.partitions", 1, 100_000)),
          new TopicSpec(v.string("kafka.topic.metrics"), v.integer("kafka.topic.metrics.partitions", 1, 100_000)),
          new TopicSpec(v.string("kafka.topic.logs"), v.integer("kafka.topic.logs.partitions", 1, 100_000)),
          (short) v.integer("kafka.replication.factor", 1, Short.MAX_VALUE), v.string("kafka.compression"),
          ServerConfig.positive(v, "kafka.delivery.timeout"), ServerConfig.positive(v, "kafka.request.timeout"), v.duration("kafka.max.block"),
          ServerConfig.positive(v, "kafka.admin.timeout"),
          new CircuitBreaker.Settings(v.integer("kafka.breaker.failures", 1, 1_000_000), ServerConfig.positive(v, "kafka.breaker.open.for")),
          new KafkaLogConfig.WorkerSettings(v.string("kafka.group.id"), ServerConfig.positive(v, "kafka.session.timeout"),
              v.duration("kafka.worker.revocation.wait"), v.integer("kafka.worker.queue.records", 1, 10_000_000))));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
