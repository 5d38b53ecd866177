/**
 * LogQL, the subset Grafana's Loki data source needs: stream selectors, line filters, the
 * {@code json} and {@code logfmt} parsers, label filters, and the metric queries
 * {@code count_over_time}, {@code rate} and {@code sum|count|min|max|avg by|without}, evaluated
 * over stored log records ({@link LogqlEngine}).
 */
@NullMarked
package dev.sightline.query.logql;

import org.jspecify.annotations.NullMarked;
