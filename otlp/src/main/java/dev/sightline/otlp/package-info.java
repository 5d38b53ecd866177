/**
 * OTLP as Sightline handles it in flight: the OTLP/JSON codec ({@link OtlpJson}), trace and span
 * id helpers ({@link Ids}), the compact attribute JSON used by storage and the API
 * ({@link AnyValueJson}), and request validation against {@link RequestLimits}
 * ({@link OtlpValidator}). The protobuf and gRPC classes themselves come from
 * {@code io.opentelemetry.proto}.
 */
@NullMarked
package dev.sightline.otlp;

import org.jspecify.annotations.NullMarked;
