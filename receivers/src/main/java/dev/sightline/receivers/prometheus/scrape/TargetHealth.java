package dev.sightline.receivers.prometheus.scrape;

import java.util.List;
import java.util.Map;

/**
 * The state of one target as {@code /api/v1/targets} reports it: {@code up}, {@code down} or
 * {@code unknown} before its first scrape, the last error, and the lines the last scrape skipped.
 */
public record TargetHealth(String job, String scrapeUrl, Map<String, String> labels,
    Map<String, String> discoveredLabels, String health, String lastError, long lastScrapeMs,
    double lastScrapeDurationSeconds, List<String> skippedLines) {}
