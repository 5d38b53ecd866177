/**
 * Rule files: groups of alerting and recording rules in the Prometheus rule format, with rule
 * kinds for logs, spans and anomalies, parsed with the line of every node so that each error names
 * the file, the line and the reason.
 */
@NullMarked
package dev.sightline.alerting.rules;

import org.jspecify.annotations.NullMarked;
