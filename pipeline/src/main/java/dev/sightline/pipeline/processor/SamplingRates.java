package dev.sightline.pipeline.processor;

import java.util.List;

/** A processor whose sampling rates adapt, and can say what they are now. */
public interface SamplingRates {

  /** The current rate of one root operation under one adaptive policy. */
  record OperationRate(String processor, String policy, String service, String operation,
      double tracesPerSecond, double probability) {}

  /** Read from another thread than the pipeline's: a snapshot, possibly a moment old. */
  List<OperationRate> samplingRates();
}
