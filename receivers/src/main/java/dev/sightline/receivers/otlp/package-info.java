/**
 * The OTLP receivers: gRPC services for the collector {@code Export} calls and the HTTP endpoints
 * {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} (protobuf and JSON, gzip). Both
 * validate through {@link OtlpIngest}, which acknowledges once the ingest log holds the data.
 */
@NullMarked
package dev.sightline.receivers.otlp;

import org.jspecify.annotations.NullMarked;
