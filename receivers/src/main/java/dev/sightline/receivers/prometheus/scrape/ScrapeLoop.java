package dev.sightline.receivers.prometheus.scrape;

import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.receivers.prometheus.PromSeries;
import dev.sightline.storage.StaleMarker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Scrapes one target: fetches its exposition, attaches the target labels, applies
 * {@code metric_relabel_configs}, marks series that disappeared stale, and adds {@code up},
 * {@code scrape_duration_seconds}, {@code scrape_samples_scraped},
 * {@code scrape_samples_post_metric_relabeling} and {@code scrape_series_added}, as Prometheus does.
 */
final class ScrapeLoop {
  static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
      + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
  private final ScrapeConfig config;
  private final ScrapeTarget target;
  private final HttpClient http;
  private final ScrapeSink sink;
  private final Clock clock;
  private final SelfMetrics metrics;
  private Set<Map<String, String>> previous = Set.of();
  private volatile TargetHealth health;

  ScrapeLoop(ScrapeConfig config, ScrapeTarget target, HttpClient http, ScrapeSink sink, Clock clock, SelfMetrics metrics) {
    this.config = config;
    this.target = target;
    this.http = http;
    this.sink = sink;
    this.clock = clock;
    this.metrics = metrics;
    this.health = new TargetHealth(config.jobName(), target.url().toString(), target.labels(), target.discovered(),
        "unknown", "", 0, 0, List.of());
  }

  ScrapeTarget target() {
    return target;
  }

  TargetHealth health() {
    return health;
  }

  /** One scrape; never throws, a failure is reported as {@code up 0}. */
  synchronized void scrape() {
    long start = clock.millis();
    long startNanos = System.nanoTime();
    List<PromSeries> out = new ArrayList<>();
    Set<Map<String, String>> current = new HashSet<>();
    Map<String, String> types = Map.of();
    String error = "";
    List<String> skipped = List.of();
    int scraped = 0;
    int added = 0;
    try {
      Exposition e = fetch();
      types = e.types();
      skipped = e.errors();
      scraped = e.samples().size();
      if (config.sampleLimit() > 0 && scraped > config.sampleLimit()) {
        throw new ScrapeFailure("sample limit exceeded: " + scraped + " samples, limit " + config.sampleLimit());
      }
      for (ExposedSample s : e.samples()) {
        Map<String, String> labels = Relabeler.apply(withTargetLabels(s.labels()), config.metricRelabelConfigs());
        if (labels == null || !current.add(labels)) {
          continue; // dropped by relabeling, or a repeated series whose first sample counts
        }
        long ts = config.honorTimestamps() && s.timestampMs() != ExposedSample.NO_TIMESTAMP ? s.timestampMs() : start;
        out.add(new PromSeries(labels, new long[] {ts}, new double[] {s.value()},
            s.exemplar() == null ? List.of() : List.of(s.exemplar())));
        added += previous.contains(labels) ? 0 : 1;
      }
      if (e.rejectedLines() > 0) {
        metrics.counter("sightline_scrape_lines_rejected_total", "Exposition lines skipped as unreadable.",
            "job", config.jobName()).add(e.rejectedLines());
      }
    } catch (ScrapeFailure | IOException ex) {
      error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      out.clear();
      current.clear();
      added = 0;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return;
    }
    for (Map<String, String> gone : previous) {
      if (!current.contains(gone)) {
        out.add(new PromSeries(gone, new long[] {start}, new double[] {StaleMarker.VALUE}));
      }
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    int post = error.isEmpty() ? current.size() : 0;
    report(out, start, "up", error.isEmpty() ? 1 : 0);
    report(out, start, "scrape_duration_seconds", seconds);
    report(out, start, "scrape_samples_scraped", error.isEmpty() ? scraped : 0);
    report(out, start, "scrape_samples_post_metric_relabeling", post);
    report(out, start, "scrape_series_added", added);
    previous = current;
    metrics.counter("sightline_scrapes_total", "Scrapes by job and outcome.", "job", config.jobName(),
        "outcome", error.isEmpty() ? "up" : "down").increment();
    health = new TargetHealth(config.jobName(), target.url().toString(), target.labels(), target.discovered(),
        error.isEmpty() ? "up" : "down", error, start, seconds, skipped);
    deliver(out, types);
  }

  /** Marks every series of the last scrape stale: the target went away. */
  synchronized void markStale() {
    long now = clock.millis();
    List<PromSeries> out = new ArrayList<>();
    for (Map<String, String> gone : previous) {
      out.add(new PromSeries(gone, new long[] {now}, new double[] {StaleMarker.VALUE}));
    }
    for (String name : List.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added")) {
      report(out, now, name, StaleMarker.VALUE);
    }
    previous = Set.of();
    deliver(out, Map.of());
  }

  private void deliver(List<PromSeries> out, Map<String, String> types) {
    try {
      sink.accept(out, types).get(config.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      metrics.counter("sightline_scrape_samples_not_stored_total",
          "Scraped samples the ingest log did not take (full or closed).", "job", config.jobName()).add(out.size());
    }
  }

  private Map<String, String> withTargetLabels(Map<String, String> scraped) {
    TreeMap<String, String> labels = new TreeMap<>(scraped);
    target.labels().forEach((name, value) -> {
      String existing = labels.get(name);
      if (existing == null || existing.isEmpty()) {
        labels.put(name, value);
      } else if (!config.honorLabels()) {
        String exported = "exported_" + name;
        while (labels.containsKey(exported)) {
          exported = "exported_" + exported;
        }
        labels.put(exported, existing);
        labels.put(name, value);
      }
    });
    return labels;
  }

  private void report(List<PromSeries> out, long ts, String name, double value) {
    TreeMap<String, String> labels = new TreeMap<>(target.labels());
    labels.put("__name__", name);
    out.add(new PromSeries(labels, new long[] {ts}, new double[] {value}));
  }

  private Exposition fetch() throws IOException, InterruptedException, ScrapeFailure {
    HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(target.timeout())
        .header("Accept", ACCEPT).header("Accept-Encoding", "gzip")
        .header("User-Agent", "Sightline")
        .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(target.timeout().toMillis() / 1000.0))
        .GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new ScrapeFailure("context deadline exceeded: no answer within " + target.timeout().toMillis() + " ms");
    }
    try (InputStream raw = response.body()) {
      if (response.statusCode() != 200) {
        throw new ScrapeFailure("server returned HTTP status " + response.statusCode());
      }
      long limit = config.bodySizeLimit() > 0 ? config.bodySizeLimit() : Integer.MAX_VALUE - 16;
      byte[] body = raw.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
      boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
      if (gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
        }
      }
      if (body.length > limit) {
        throw new ScrapeFailure("body size limit exceeded: more than " + limit + " bytes");
      }
      String type = response.headers().firstValue("Content-Type").orElse("text/plain");
      return ExpositionParser.parse(new String(body, StandardCharsets.UTF_8), type);
    }
  }

  /** A scrape that yields nothing: the target answered badly or too late. */
  static final class ScrapeFailure extends Exception {
    ScrapeFailure(String message) {
      super(message);
    }
  }
}
