/**
 * OTLP metrics as Prometheus samples: names and units ({@link PrometheusNames}), label value
 * formatting ({@link PrometheusFloats}) and the mapping itself ({@link PrometheusMapping}), which
 * hands samples to a {@link SampleSink}.
 */
@NullMarked
package dev.sightline.otlp.prometheus;

import org.jspecify.annotations.NullMarked;
