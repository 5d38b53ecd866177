package dev.sightline.pipeline.processor;

import dev.sightline.security.Classifier;

/** A processor that classifies values; queries use its classifier to mask values for callers who may not see them. */
public interface ClassifiesValues {
  Classifier classifier();
}
