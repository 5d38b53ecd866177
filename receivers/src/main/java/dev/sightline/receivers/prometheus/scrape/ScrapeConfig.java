package dev.sightline.receivers.prometheus.scrape;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry, as Prometheus reads it: a job, how often and how to scrape,
 * its static and file-discovered targets, and the target and metric relabel rules.
 */
public record ScrapeConfig(
    String jobName,
    Duration interval,
    Duration timeout,
    String metricsPath,
    String scheme,
    Map<String, List<String>> params,
    boolean honorLabels,
    boolean honorTimestamps,
    long sampleLimit,
    long bodySizeLimit,
    List<TargetGroup> staticConfigs,
    List<Path> fileSdFiles,
    Duration fileSdRefresh,
    List<RelabelRule> relabelConfigs,
    List<RelabelRule> metricRelabelConfigs) {

  public ScrapeConfig {
    requireNonNull(jobName, "jobName");
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException("scrape_configs[" + jobName + "]: scrape_timeout " + timeout
          + " is greater than scrape_interval " + interval);
    }
    params = Map.copyOf(params);
    staticConfigs = List.copyOf(staticConfigs);
    fileSdFiles = List.copyOf(fileSdFiles);
    relabelConfigs = List.copyOf(relabelConfigs);
    metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
  }
}
