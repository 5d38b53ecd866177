package dev.sightline.alerting.notify;

import dev.sightline.storage.tests.ManualClock;

import static dev.sightline.alerting.notify.TestAlerts.T0;
import static dev.sightline.alerting.notify.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.pipeline.SelfMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing tree: first matching child, {@code continue}, inheritance, and the root as fallback. */
class NotificationRoutingTest {
  private static final String CONFIG = """
      route:
        receiver: default
        group_by: [alertname]
        group_wait: 10s
        routes:
          - matchers: ['team=~"db|infra"']
            receiver: db
            continue: true
          - matchers: ['severity="critical"', 'env!="dev"']
            receiver: pager
            group_wait: 0s
            routes:
              - matchers: ['service!~"test-.*"']
                group_by: ['...']
          - matchers: ['severity="critical"']
            receiver: db
      receivers:
        - name: default
          webhook_configs: [{url: '%1$s/default'}]
        - name: db
          webhook_configs: [{url: '%1$s/db'}]
        - name: pager
          webhook_configs: [{url: '%1$s/pager'}]
      """;

  @TempDir Path dir;

  @Test
  void alertsGoToTheFirstMatchingRouteAndOnWhenItContinues() throws Exception {
    ManualClock clock = new ManualClock(T0);
    try (RecordingEndpoint endpoint = new RecordingEndpoint()) {
      NotificationConfig config = TestAlerts.config(CONFIG.formatted(endpoint.url("")));
      NotificationDispatcher dispatcher = NotificationDispatcher.builder(config).silences(TestSilences.in(dir, clock))
          .dataDirectory(dir).clock(clock).metrics(new SelfMetrics()).build();
      dispatcher.send(List.of(
          firing(Map.of("alertname", "DiskFull", "team", "db", "severity", "critical", "service", "pg")),
          firing(Map.of("alertname", "Latency", "team", "web", "severity", "critical", "service", "shop")),
          firing(Map.of("alertname", "Latency", "team", "web", "severity", "critical", "env", "dev")),
          firing(Map.of("alertname", "Queue", "team", "web", "severity", "info"))));
      dispatcher.tick();
      // group_wait 0s on the pager route: its groups flush at once, the others after 10s.
      assertThat(endpoint.await(2)).hasSize(2);
      clock.advance(Duration.ofSeconds(10));
      dispatcher.tick();
      assertThat(endpoint.await(5)).hasSize(5);

      assertThat(endpoint.requests("/pager")).extracting(r -> r.body().path("alerts").get(0).path("labels")
          .path("service").asText()).containsExactlyInAnyOrder("pg", "shop");
      // The nested route groups by all labels, so its group key holds them all.
      assertThat(endpoint.requests("/pager")).allSatisfy(r -> assertThat(r.body().path("groupKey").asText())
          .startsWith("{}/{severity=\"critical\",env!=\"dev\"}/{service!~\"test-.*\"}:{alertname="));
      assertThat(endpoint.requests("/db")).extracting(r -> r.body().path("groupLabels").path("alertname").asText())
          .containsExactlyInAnyOrder("DiskFull", "Latency");
      assertThat(endpoint.requests("/db")).extracting(r -> r.body().path("alerts").get(0).path("labels")
          .path("env").asText()).contains("dev");
      assertThat(endpoint.requests("/default")).singleElement().satisfies(r ->
          assertThat(r.body().path("groupLabels").path("alertname").asText()).isEqualTo("Queue"));
      dispatcher.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void routeMatchingInheritsAndStopsAtTheFirstMatchWithoutContinue() {
    Route root = TestAlerts.config(CONFIG.formatted("http://127.0.0.1:1")).route();
    List<Route> routes = root.match(Map.of("team", "infra", "severity", "critical"));
    assertThat(routes).extracting(Route::receiver).containsExactly("db", "pager");
    assertThat(routes.get(1).groupWait()).isZero();
    assertThat(routes.get(1).groupBy()).isEqualTo(List.of("...") );
    assertThat(routes.get(1).groupByAll()).isTrue();
    assertThat(routes.get(0).groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(root.match(Map.of("team", "web"))).extracting(Route::id).containsExactly("0");
  }
}
