/**
 * Alerting: rule files in the Prometheus format plus log, trace and anomaly rule kinds, their
 * evaluation with the inactive → pending → firing → resolved state machine, and the hand-over of
 * firing and resolved alerts to notification ({@link AlertSink}). Subpackages hold notification
 * routing and channels ({@code notify}) and anomaly detection ({@code anomaly}).
 */
@NullMarked
package dev.sightline.alerting;

import org.jspecify.annotations.NullMarked;
