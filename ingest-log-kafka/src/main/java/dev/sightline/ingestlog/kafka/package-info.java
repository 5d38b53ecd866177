/**
 * The ingest log on Kafka, for scaled-out nodes: {@link KafkaIngestLog} appends each request to
 * the topic of its signal (traces split by trace id, so one worker sees a whole trace) and
 * acknowledges only once Kafka did ({@code acks=all}, idempotent producer); a circuit breaker
 * makes appends fail fast while Kafka is unreachable. {@link KafkaLogConfig} holds the settings.
 */
@NullMarked
package dev.sightline.ingestlog.kafka;

import org.jspecify.annotations.NullMarked;
