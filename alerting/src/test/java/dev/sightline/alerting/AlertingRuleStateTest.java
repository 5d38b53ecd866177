package dev.sightline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sightline.alerting.rules.ConditionSpec;
import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.Template;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state machine: pending for {@code for}, firing, resolved once, keep_firing_for, restore. */
class AlertingRuleStateTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
  private static final ConditionSample HIGH = new ConditionSample(Map.of("__name__", "q", "queue", "orders"), 150);

  private static AlertingRuleState rule(Duration forDuration, Duration keepFiringFor) {
    return new AlertingRuleState(new Rule.Alerting("Backlog", new ConditionSpec.Promql("q > 100"), forDuration,
        keepFiringFor, Map.of("severity", "critical"), Map.of("summary", Template.compile("{{ $labels.queue }}: {{ $value }}")), 1));
  }

  @Test
  void pendingThenFiringThenResolvedOnce() {
    AlertingRuleState state = rule(Duration.ofMinutes(2), Duration.ZERO);
    assertThat(state.apply(List.of(HIGH), T)).isEmpty();
    assertThat(state.state()).isEqualTo("pending");
    assertThat(state.apply(List.of(HIGH), T.plusSeconds(60))).isEmpty();
    List<ActiveAlert> firing = state.apply(List.of(HIGH), T.plusSeconds(120));
    assertThat(firing).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.labels()).containsEntry("alertname", "Backlog").containsEntry("severity", "critical")
          .containsEntry("queue", "orders").doesNotContainKey("__name__");
      assertThat(a.annotations()).containsEntry("summary", "orders: 150");
      assertThat(a.activeAt()).isEqualTo(T);
      assertThat(a.firedAt()).isEqualTo(T.plusSeconds(120));
    });
    assertThat(state.apply(List.of(HIGH), T.plusSeconds(180))).as("sent again while it fires").hasSize(1);
    List<ActiveAlert> resolved = state.apply(List.of(), T.plusSeconds(240));
    assertThat(resolved).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
      assertThat(a.resolvedAt()).isEqualTo(T.plusSeconds(240));
    });
    assertThat(state.apply(List.of(), T.plusSeconds(300))).as("resolved is notified once").isEmpty();
    assertThat(state.state()).isEqualTo("inactive");
  }

  @Test
  void aPendingAlertThatStopsIsDroppedWithoutNotice() {
    AlertingRuleState state = rule(Duration.ofMinutes(5), Duration.ZERO);
    state.apply(List.of(HIGH), T);
    assertThat(state.apply(List.of(), T.plusSeconds(60))).isEmpty();
    assertThat(state.alerts()).isEmpty();
  }

  @Test
  void keepFiringForHoldsAnAlertThroughAShortGap() {
    AlertingRuleState state = rule(Duration.ZERO, Duration.ofMinutes(2));
    assertThat(state.apply(List.of(HIGH), T)).singleElement().extracting(ActiveAlert::state).isEqualTo(AlertState.FIRING);
    assertThat(state.apply(List.of(), T.plusSeconds(60))).singleElement().extracting(ActiveAlert::state).isEqualTo(AlertState.FIRING);
    assertThat(state.apply(List.of(HIGH), T.plusSeconds(120))).singleElement().extracting(ActiveAlert::keepFiringSince).isNull();
    state.apply(List.of(), T.plusSeconds(180));
    assertThat(state.apply(List.of(), T.plusSeconds(300))).singleElement().extracting(ActiveAlert::state)
        .isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void restoredAlertsKeepTheirActiveTime() {
    AlertingRuleState first = rule(Duration.ofMinutes(10), Duration.ZERO);
    first.apply(List.of(HIGH), T);
    AlertingRuleState second = rule(Duration.ofMinutes(10), Duration.ZERO);
    second.restore(first.alerts());
    assertThat(second.apply(List.of(HIGH), T.plusSeconds(600))).singleElement()
        .extracting(ActiveAlert::firedAt).isEqualTo(T.plusSeconds(600));
  }
}
