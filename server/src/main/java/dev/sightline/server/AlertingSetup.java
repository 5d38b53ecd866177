package dev.sightline.server;

import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.alerting.Conditions;
import dev.sightline.alerting.RecordedSamples;
import dev.sightline.alerting.RuleFiles;
import dev.sightline.alerting.RuleManager;
import dev.sightline.alerting.SignalConditions;
import dev.sightline.alerting.notify.Silences;
import dev.sightline.alerting.rules.RuleFileParser;
import dev.sightline.pipeline.Component;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.receivers.prometheus.PromSeries;
import dev.sightline.receivers.prometheus.SeriesToOtlp;
import dev.sightline.server.api.alerting.NotificationsApi;
import dev.sightline.server.api.alerting.RulesApi;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.metadata.MetadataSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting in one server: the rule files, the rule manager that evaluates them, the loop that
 * puts changed files in force, and the API. Recording rules' samples go through the ingest log
 * like any other metrics.
 */
final class AlertingSetup implements Component {
  private static final Logger log = LoggerFactory.getLogger(AlertingSetup.class);
  private final ServerConfig.AlertingSettings settings;
  private final RuleFiles files;
  private final RuleManager manager;
  private final Notifications notifications;
  private final String settingsTenant;
  private volatile boolean stopping;
  private @Nullable Thread reloader;

  AlertingSetup(ServerConfig config, PromqlEngine engine, SignalConditions signals, OtlpIngest ingest,
      String generatorUrl, MetadataSetup metadata, Clock clock, SelfMetrics metrics) {
    this.settings = config.alerting();
    this.settingsTenant = config.tenant();
    Path dir = config.dataDir().resolve("alerting");
    this.notifications = new Notifications(config.notifications(), dir, metadata.notificationConfigs(),
        new Silences(metadata.silences(), clock), clock, metrics);
    Conditions conditions = new Conditions(engine, config.tenant(), signals);
    this.files = new RuleFiles(new RuleFileParser(conditions, settings.evaluationInterval()), settings.rulesDir(),
        metadata.rules(), settings.defaultRules(), clock);
    RecordedSamples recorded = (tenant, samples) -> {
      if (samples.isEmpty()) {
        return;
      }
      List<PromSeries> series = samples.stream().map(s -> new PromSeries(s.labels(), new long[] {s.timestampMs()},
          new double[] {s.value()})).toList();
      ingest.metrics(SeriesToOtlp.convert(series, Map.of(), "sightline.rules"), null, "recording_rules", tenant);
    };
    this.manager = new RuleManager(conditions, notifications, recorded, clock, dir.resolve("state.json"), generatorUrl, metrics);
    reload();
    files.errors().values().forEach(e -> log.error("rule file not in force: {}", e.getMessage()));
  }

  /** Reads the rule files and puts them in force; files that do not parse keep their last good version. */
  synchronized void reload() {
    manager.replace(files.load());
    files.errors().values().forEach(e -> log.warn("rule file not loaded: {}", e.getMessage()));
  }

  void register(ServerBuilder sb, AuditTrail audit) {
    new RulesApi(manager, files, this::reload, audit, settingsTenant).register(sb);
    new NotificationsApi(notifications, audit).register(sb);
  }

  RuleManager manager() {
    return manager;
  }

  @Override
  public void start() {
    notifications.start();
    manager.start();
    Duration every = settings.reloadInterval();
    if (every.isZero()) {
      return;
    }
    reloader = Thread.ofPlatform().name("sightline-rule-files").daemon().start(() -> {
      while (!stopping) {
        try {
          Thread.sleep(every.toMillis());
          if (files.changed()) {
            reload();
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.error("reloading rule files failed", e);
        }
      }
    });
  }

  @Override
  public void shutdown(Duration timeout) {
    stopping = true;
    if (reloader != null) {
      reloader.interrupt();
    }
    manager.shutdown(timeout);
    notifications.shutdown(timeout); // notifications being retried get their chance before exit
  }
}
