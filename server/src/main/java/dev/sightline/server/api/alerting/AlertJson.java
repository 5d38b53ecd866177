package dev.sightline.server.api.alerting;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.alerting.ActiveAlert;
import dev.sightline.alerting.AlertingRuleState;
import dev.sightline.alerting.GroupRunner;
import dev.sightline.alerting.RuleHealth;
import dev.sightline.alerting.RuleRunner;
import dev.sightline.alerting.rules.Rule;
import dev.sightline.alerting.rules.Template;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Rules, groups and alerts as the Prometheus HTTP API writes them. */
final class AlertJson {
  private AlertJson() {}

  static void group(JsonGenerator g, GroupRunner group, @Nullable String type) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", group.group().name());
    g.writeStringField("file", group.group().file());
    g.writeNumberField("interval", group.group().interval().toMillis() / 1000.0);
    g.writeNumberField("limit", 0);
    g.writeArrayFieldStart("rules");
    for (RuleRunner r : group.rules()) {
      boolean alerting = r.rule() instanceof Rule.Alerting;
      if (type == null || type.equals(alerting ? "alert" : "record")) {
        rule(g, r);
      }
    }
    g.writeEndArray();
    time(g, "lastEvaluation", group.lastEvaluation());
    g.writeNumberField("evaluationTime", group.evaluationTime().toNanos() / 1e9);
    g.writeEndObject();
  }

  private static void rule(JsonGenerator g, RuleRunner r) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", r.rule().name());
    g.writeStringField("query", r.rule().condition().query());
    strings(g, "labels", r.rule().labels());
    RuleHealth h = r.health();
    g.writeStringField("health", h.health());
    g.writeStringField("lastError", h.lastError());
    g.writeNumberField("evaluationTime", h.evaluationTime().toNanos() / 1e9);
    time(g, "lastEvaluation", h.lastEvaluation());
    if (r.rule() instanceof Rule.Alerting a) {
      AlertingRuleState state = r.alerts();
      g.writeStringField("state", state == null ? "inactive" : state.state());
      g.writeNumberField("duration", a.forDuration().toMillis() / 1000.0);
      g.writeNumberField("keepFiringFor", a.keepFiringFor().toMillis() / 1000.0);
      g.writeObjectFieldStart("annotations");
      for (Map.Entry<String, Template> t : a.annotations().entrySet()) {
        g.writeStringField(t.getKey(), t.getValue().source());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("alerts");
      if (state != null) {
        for (ActiveAlert alert : state.alerts()) {
          alert(g, alert);
        }
      }
      g.writeEndArray();
      g.writeStringField("type", "alerting");
    } else {
      g.writeStringField("type", "recording");
    }
    g.writeEndObject();
  }

  static void alert(JsonGenerator g, ActiveAlert a) throws IOException {
    g.writeStartObject();
    strings(g, "labels", a.labels());
    strings(g, "annotations", a.annotations());
    g.writeStringField("state", a.state().apiName());
    time(g, "activeAt", a.activeAt());
    if (a.firedAt() != null) {
      time(g, "firedAt", a.firedAt());
    }
    g.writeStringField("value", Double.toString(a.value()));
    g.writeEndObject();
  }

  static void strings(JsonGenerator g, String field, Map<String, String> values) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /** Prometheus writes Go's zero time for a rule or group never evaluated. */
  static void time(JsonGenerator g, String field, @Nullable Instant t) throws IOException {
    g.writeStringField(field, t == null ? "0001-01-01T00:00:00Z" : t.toString());
  }
}
