/**
 * The Prometheus HTTP API ({@code /api/v1/query}, {@code query_range}, {@code series},
 * {@code labels}, {@code label/<name>/values}, {@code metadata}, {@code status/buildinfo}) with
 * Prometheus's JSON shapes and error types, so that Grafana's Prometheus data source works
 * unchanged.
 */
@NullMarked
package dev.sightline.server.api.prometheus;

import org.jspecify.annotations.NullMarked;
