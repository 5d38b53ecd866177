/**
 * Jaeger ingest and remote sampling. Spans arrive over the collector's gRPC API
 * ({@code jaeger.api_v2.CollectorService/PostSpans}) or as Thrift over HTTP ({@code POST /api/traces}),
 * are decoded into {@link JaegerSpan}s and mapped to OTLP by {@link JaegerToOtlp} following the
 * OpenTelemetry Jaeger translation, then stored through the OTLP ingest path. Sampling strategies
 * are served in the Jaeger remote-sampling format over gRPC ({@code SamplingManager}) and HTTP,
 * computed by {@link SamplingStrategies} from the pipeline's head and adaptive sampling rates.
 */
@NullMarked
package dev.sightline.receivers.jaeger;

import org.jspecify.annotations.NullMarked;
