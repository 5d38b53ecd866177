/**
 * The alerting API on the API port: {@code /api/v1/rules} and {@code /api/v1/alerts} in the
 * Prometheus shapes, rule files (list, read, create or replace, delete, validate), backtests,
 * silences and the notification history.
 */
@NullMarked
package dev.sightline.server.api.alerting;

import org.jspecify.annotations.NullMarked;
