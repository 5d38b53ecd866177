/**
 * Processors between the ingest log and storage, composed per signal from the {@code processors:}
 * and {@code pipelines:} sections of the configuration ({@link PipelineSpec}), in the spirit of the
 * OpenTelemetry Collector: enrichment ({@link ResourceProcessor}), transformation
 * ({@link AttributesProcessor}), classification with masking, hashing and encryption
 * ({@link ClassificationProcessor}), head sampling ({@link ProbabilisticSampler}), tail sampling
 * ({@link TailSamplingProcessor}) and RED metrics from spans ({@link SpanMetricsProcessor}). They run in log order on the pipeline's decoding
 * thread, so a replay of the log after a crash processes the same entries the same way.
 */
@NullMarked
package dev.sightline.pipeline.processor;

import org.jspecify.annotations.NullMarked;
