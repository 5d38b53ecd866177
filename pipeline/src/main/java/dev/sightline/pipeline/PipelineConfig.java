package dev.sightline.pipeline;

/** How much the storage pipeline takes from the log per batch. */
public record PipelineConfig(int maxEntriesPerBatch, long maxBytesPerBatch) {
  public static final PipelineConfig DEFAULTS = new PipelineConfig(1_000, 32L << 20);

  public PipelineConfig {
    if (maxEntriesPerBatch < 1) {
      throw new IllegalArgumentException("maxEntriesPerBatch must be at least 1, was " + maxEntriesPerBatch);
    }
    if (maxBytesPerBatch < 1) {
      throw new IllegalArgumentException("maxBytesPerBatch must be at least 1, was " + maxBytesPerBatch);
    }
  }
}
