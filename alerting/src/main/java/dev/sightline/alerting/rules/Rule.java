package dev.sightline.alerting.rules;

import java.time.Duration;
import java.util.Map;

/** One rule of a group, with the line it starts at. */
public sealed interface Rule {

  String name();

  ConditionSpec condition();

  Map<String, String> labels();

  int line();

  /** An alerting rule: {@code alert}, a condition, {@code for}, {@code keep_firing_for}, labels, annotations. */
  record Alerting(String name, ConditionSpec condition, Duration forDuration, Duration keepFiringFor,
      Map<String, String> labels, Map<String, Template> annotations, int line) implements Rule {
    public Alerting {
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
    }
  }

  /** A recording rule: its PromQL result is stored as the series {@code record}, with {@code labels} added. */
  record Recording(String name, ConditionSpec.Promql condition, Map<String, String> labels, int line) implements Rule {
    public Recording {
      labels = Map.copyOf(labels);
    }
  }
}
