package dev.sightline.ingestlog.kafka;

import static java.util.Objects.requireNonNull;

/** A Kafka topic of the ingest log: its name and the number of partitions it must have. */
public record TopicSpec(String name, int partitions) {

  public TopicSpec {
    requireNonNull(name, "name");
    if (name.isBlank() || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("Kafka topic name '" + name
          + "' must be 1 to 249 characters of letters, digits, '.', '_' or '-'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, got " + partitions);
    }
  }
}
