/**
 * Log and trace rule conditions: {@link dev.sightline.alerting.signals.LogCountCondition} counts
 * matching log records over a window, {@link dev.sightline.alerting.signals.SpanCondition}
 * measures spans (error rate, a latency quantile, count or rate), each per group and compared
 * with a {@link dev.sightline.alerting.signals.Threshold}. They read the store through its
 * {@code LogCounter} and {@code SpanStatistics} capabilities.
 */
@NullMarked
package dev.sightline.alerting.signals;

import org.jspecify.annotations.NullMarked;
