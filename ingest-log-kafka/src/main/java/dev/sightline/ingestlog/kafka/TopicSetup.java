package dev.sightline.ingestlog.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the ingest-log topics exist with at least the configured partitions, creating the
 * missing ones. Fewer partitions than configured is an error rather than a silent change: adding
 * partitions moves keys, so traces in flight would be split between workers.
 */
final class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private final KafkaLogConfig config;

  TopicSetup(KafkaLogConfig config) {
    this.config = config;
  }

  /** Connects an admin client to the brokers and {@linkplain #ensure(Admin) ensures} the topics. */
  void ensure() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.adminTimeout().toMillis()))) {
      ensure(admin);
    }
  }

  void ensure(Admin admin) {
    List<TopicSpec> wanted = List.of(config.traces(), config.metrics(), config.logs());
    Set<String> existing = call("list the topics", () -> admin.listTopics().names()
        .get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS));
    List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec t : wanted) {
      if (!existing.contains(t.name())) {
        missing.add(new NewTopic(t.name(), t.partitions(), config.replicationFactor()));
      }
    }
    for (NewTopic t : missing) {
      try {
        admin.createTopics(List.of(t)).all().get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
        log.info("created Kafka topic {} with {} partitions, replication {}", t.name(), t.numPartitions(), t.replicationFactor());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) { // another node created it meanwhile
          throw new KafkaUnavailableException("cannot create Kafka topic " + t.name() + " (" + t.numPartitions()
              + " partitions, replication " + t.replicationFactor() + ") on " + config.bootstrapServers() + ": "
              + e.getCause().getMessage() + "; create it by hand or fix kafka.replication.factor", e.getCause());
        }
      } catch (TimeoutException e) {
        throw unreachable("create topic " + t.name(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaUnavailableException("interrupted while creating topic " + t.name(), e);
      }
    }
    Map<String, TopicDescription> described = describe(admin, wanted);
    for (TopicSpec t : wanted) {
      int partitions = described.get(t.name()).partitions().size();
      if (partitions < t.partitions()) {
        throw new KafkaUnavailableException("Kafka topic " + t.name() + " on " + config.bootstrapServers() + " has "
            + partitions + " partitions but " + t.partitions() + " are configured; add partitions with "
            + "kafka-topics.sh --alter --partitions " + t.partitions() + " while no traffic flows, or lower the setting");
      }
    }
  }

  /** Describes the topics, waiting while new ones are still unknown to the broker that answers. */
  private Map<String, TopicDescription> describe(Admin admin, List<TopicSpec> topics) {
    long deadline = System.nanoTime() + config.adminTimeout().toNanos();
    while (true) {
      try {
        return call("describe the topics", () -> admin.describeTopics(topics.stream().map(TopicSpec::name).toList())
            .allTopicNames().get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS));
      } catch (KafkaUnavailableException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaUnavailableException("interrupted while describing the topics", e);
      }
    }
  }

  private interface AdminCall<T> {
    T get() throws ExecutionException, TimeoutException, InterruptedException;
  }

  private <T> T call(String what, AdminCall<T> call) {
    try {
      return call.get();
    } catch (ExecutionException e) {
      throw new KafkaUnavailableException("cannot " + what + " on Kafka at " + config.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while trying to " + what, e);
    }
  }

  private KafkaUnavailableException unreachable(String what, Exception e) {
    return new KafkaUnavailableException("cannot " + what + ": no answer from Kafka at " + config.bootstrapServers()
        + " within " + config.adminTimeout() + " (kafka.admin.timeout); is the broker up and kafka.bootstrap.servers right?", e);
  }
}
