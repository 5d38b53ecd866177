/**
 * Notification, in Alertmanager's model: a routing tree that picks receivers by label matchers,
 * aggregation groups with group_wait, group_interval and repeat_interval, deduplication, silences
 * and inhibition, and the channels (webhook, Slack, PagerDuty, email, an external Alertmanager)
 * with retries, a dead-letter file and a history of what was sent.
 */
@NullMarked
package dev.sightline.alerting.notify;

import org.jspecify.annotations.NullMarked;
