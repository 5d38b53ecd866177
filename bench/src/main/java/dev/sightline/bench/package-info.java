/**
 * The load generator: realistic OTLP traffic (traces of 5–50 spans over several services, logs tied
 * to them, metrics of every type) sent over OTLP gRPC or HTTP, or as Zipkin v2 JSON to a peer, at a
 * target rate or as fast as accepted, reporting accepted and refused items and latency percentiles.
 */
@NullMarked
package dev.sightline.bench;

import org.jspecify.annotations.NullMarked;
