package dev.sightline.pipeline.processor;

/** A {@code processors:} or {@code pipelines:} setting that cannot work; the message names it. */
public final class PipelineConfigException extends RuntimeException {
  public PipelineConfigException(String message) {
    super(message);
  }

  public PipelineConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
