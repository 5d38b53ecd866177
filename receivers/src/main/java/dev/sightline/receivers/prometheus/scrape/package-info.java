/**
 * Prometheus scraping: {@code scrape_configs} with static and file-based targets, relabeling, the
 * text and OpenMetrics exposition formats, staleness and the per-target series Prometheus adds.
 */
@NullMarked
package dev.sightline.receivers.prometheus.scrape;

import org.jspecify.annotations.NullMarked;
