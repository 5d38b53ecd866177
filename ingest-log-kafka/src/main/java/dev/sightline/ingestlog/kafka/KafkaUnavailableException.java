package dev.sightline.ingestlog.kafka;

/** Kafka could not be reached or refused what start-up needs from it; the message names the brokers. */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public KafkaUnavailableException(String message) {
    super(message);
  }
}
