/**
 * The query surfaces on the API port, all over the same storage readers, tenant, permissions and
 * masking: the JSON API under {@code /api/v1} (traces, logs, services, metric names and series,
 * keys, audit), GraphQL at {@code /graphql}, and the Jaeger ({@code /jaeger/api}), Zipkin
 * ({@code /zipkin/api/v2}) and Loki ({@code /loki/api/v1}) compatible query APIs.
 */
@NullMarked
package dev.sightline.server.api;

import org.jspecify.annotations.NullMarked;
