/**
 * Anomaly detection for alert rules: {@link dev.sightline.alerting.anomaly.SeasonalBaseline}
 * learns the expected band of a series from its own history (median and MAD over the same time of
 * day or of week on past days, or over a trailing window) and
 * {@link dev.sightline.alerting.anomaly.AnomalyCondition} flags the series of a PromQL expression
 * whose latest value leaves that band. {@link dev.sightline.alerting.anomaly.RedAnomalyRules}
 * holds the defaults for the RED metrics the span metrics processor writes.
 */
@NullMarked
package dev.sightline.alerting.anomaly;

import org.jspecify.annotations.NullMarked;
