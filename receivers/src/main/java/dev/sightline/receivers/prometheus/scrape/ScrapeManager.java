package dev.sightline.receivers.prometheus.scrape;

import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scrape loops of every {@code scrape_configs} job: finds targets (static and file
 * discovery, re-read every refresh interval), scrapes each on its interval at an offset spread by
 * its key, on virtual threads so that a slow target never delays another, and marks the series of
 * a target that went away stale.
 */
public final class ScrapeManager implements Component {
  private static final Logger log = LoggerFactory.getLogger(ScrapeManager.class);
  private final List<ScrapeConfig> configs;
  private final ScrapeSink sink;
  private final Clock clock;
  private final SelfMetrics metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("scrape-timer").daemon().factory());
  private final ExecutorService scrapes = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scrape-", 0).factory());
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Map<Path, List<TargetGroup>>> discovered = new HashMap<>();
  private final Map<String, List<String>> discoveryErrors = new ConcurrentHashMap<>();

  private record Running(ScrapeLoop loop, ScheduledFuture<?> schedule, AtomicBoolean busy) {}

  public ScrapeManager(List<ScrapeConfig> configs, ScrapeSink sink, Clock clock, SelfMetrics metrics) {
    this.configs = List.copyOf(configs);
    this.sink = sink;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void start() {
    if (configs.isEmpty()) {
      return;
    }
    refreshTargets();
    long refreshMs = configs.stream().filter(c -> !c.fileSdFiles().isEmpty())
        .mapToLong(c -> c.fileSdRefresh().toMillis()).min().orElse(0);
    if (refreshMs > 0) {
      timer.scheduleWithFixedDelay(this::refreshTargets, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
    }
    metrics.gauge("sightline_scrape_targets", "Targets being scraped.", running::size);
  }

  /** Health of every target, for {@code /api/v1/targets}, by job then URL. */
  public List<TargetHealth> targets() {
    return running.values().stream().map(r -> r.loop().health())
        .sorted(java.util.Comparator.comparing(TargetHealth::job).thenComparing(TargetHealth::scrapeUrl)).toList();
  }

  /** Files that discovery could not read, by job. */
  public Map<String, List<String>> discoveryErrors() {
    return Map.copyOf(discoveryErrors);
  }

  synchronized void refreshTargets() {
    try {
      Map<String, ScrapeLoopSpec> wanted = new LinkedHashMap<>();
      for (ScrapeConfig c : configs) {
        List<TargetGroup> groups = new ArrayList<>(c.staticConfigs());
        Map<Path, List<TargetGroup>> fromFiles = Map.of();
        if (!c.fileSdFiles().isEmpty()) {
          FileDiscovery.Found found = FileDiscovery.read(c.fileSdFiles(), discovered.getOrDefault(c.jobName(), Map.of()));
          discovered.put(c.jobName(), found.groups());
          discoveryErrors.put(c.jobName(), found.errors());
          found.errors().forEach(e -> log.warn("scrape job {}: file discovery: {}", c.jobName(), e));
          fromFiles = found.groups();
        }
        for (TargetGroup g : groups) {
          ScrapeTarget.of(c, g, Map.of()).forEach(t -> wanted.putIfAbsent(t.key(), new ScrapeLoopSpec(c, t)));
        }
        fromFiles.forEach((file, gs) -> gs.forEach(g -> ScrapeTarget.of(c, g, Map.of("__meta_filepath", file.toString()))
            .forEach(t -> wanted.putIfAbsent(t.key(), new ScrapeLoopSpec(c, t)))));
      }
      running.keySet().removeIf(key -> {
        if (wanted.containsKey(key)) {
          return false;
        }
        Running r = running.get(key);
        r.schedule().cancel(false);
        scrapes.submit(r.loop()::markStale);
        return true;
      });
      wanted.forEach((key, spec) -> running.computeIfAbsent(key, k -> schedule(spec)));
    } catch (RuntimeException e) {
      log.warn("refreshing scrape targets failed; keeping the current ones", e);
    }
  }

  private record ScrapeLoopSpec(ScrapeConfig config, ScrapeTarget target) {}

  private Running schedule(ScrapeLoopSpec spec) {
    ScrapeLoop loop = new ScrapeLoop(spec.config(), spec.target(), http, sink, clock, metrics);
    long interval = spec.target().interval().toMillis();
    // Spread targets over the interval, as Prometheus does, so that they are not all scraped at once.
    long offset = Math.floorMod(spec.target().key().hashCode() * 2654435761L, interval) - Math.floorMod(clock.millis(), interval);
    AtomicBoolean busy = new AtomicBoolean();
    ScheduledFuture<?> f = timer.scheduleAtFixedRate(() -> {
      if (busy.compareAndSet(false, true)) { // a scrape still running makes the next one wait a turn
        scrapes.submit(() -> {
          try {
            loop.scrape();
          } finally {
            busy.set(false);
          }
        });
      }
    }, Math.floorMod(offset, interval), interval, TimeUnit.MILLISECONDS);
    log.info("scraping {} every {} ms for job {}", spec.target().url(), interval, spec.config().jobName());
    return new Running(loop, f, busy);
  }

  @Override
  public void shutdown(Duration timeout) {
    timer.shutdownNow();
    scrapes.shutdown();
    try {
      if (!scrapes.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        scrapes.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
