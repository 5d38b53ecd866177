package dev.sightline.alerting;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One alert of a rule: its labels (the condition's series, the rule's labels and
 * {@code alertname}), its rendered annotations, its state, when it became active and fired, and
 * since when its condition no longer holds while {@code keep_firing_for} keeps it firing.
 */
public record ActiveAlert(Map<String, String> labels, Map<String, String> annotations, AlertState state,
    Instant activeAt, @Nullable Instant firedAt, @Nullable Instant resolvedAt, @Nullable Instant keepFiringSince,
    double value) {
  public ActiveAlert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  ActiveAlert with(AlertState s, @Nullable Instant fired, @Nullable Instant resolved, @Nullable Instant keepSince) {
    return new ActiveAlert(labels, annotations, s, activeAt, fired, resolved, keepSince, value);
  }

  ActiveAlert seen(Map<String, String> newAnnotations, double newValue) {
    return new ActiveAlert(labels, newAnnotations, state, activeAt, firedAt, resolvedAt, null, newValue);
  }

  NotifiableAlert toNotifiable(String generatorUrl) {
    return new NotifiableAlert(labels, annotations, firedAt == null ? activeAt : firedAt, resolvedAt, generatorUrl);
  }
}
