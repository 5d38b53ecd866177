/**
 * PromQL: a parser that reports errors as Prometheus does, and an evaluator of instant and range
 * queries over a {@link dev.sightline.storage.SampleReader}.
 */
@NullMarked
package dev.sightline.query.promql;

import org.jspecify.annotations.NullMarked;
