/**
 * Zipkin span ingest: {@code POST /api/v2/spans} in JSON and proto3 and {@code POST /api/v1/spans}
 * in JSON, decoded into {@link ZipkinSpan}s and mapped to OTLP spans by {@link ZipkinToOtlp}
 * following the OpenTelemetry-Zipkin transformation, then stored through the OTLP ingest path by
 * {@link ZipkinSpansService}.
 */
@NullMarked
package dev.sightline.receivers.zipkin;

import org.jspecify.annotations.NullMarked;
