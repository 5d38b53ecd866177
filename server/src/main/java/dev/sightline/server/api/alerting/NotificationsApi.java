package dev.sightline.server.api.alerting;

import static dev.sightline.server.api.alerting.RulesApi.error;
import static dev.sightline.server.api.alerting.RulesApi.success;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.alerting.notify.DeadLetter;
import dev.sightline.alerting.notify.HistoryEntry;
import dev.sightline.alerting.notify.Matcher;
import dev.sightline.alerting.notify.Silence;
import dev.sightline.alerting.notify.SilenceRequest;
import dev.sightline.alerting.notify.Silences;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Notification routes and receivers ({@code GET}/{@code PUT}/{@code DELETE
 * /api/v1/notifications/config}), silences ({@code GET}/{@code POST /api/v1/silences},
 * {@code GET}/{@code DELETE /api/v1/silences/{id}}), the notification history ({@code GET /api/v1/alerts/history}) and the
 * notifications that failed for good ({@code GET /api/v1/notifications/dead-letters}).
 */
public final class NotificationsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
  private static final java.util.Set<String> SECRETS = java.util.Set.of("auth_password", "password", "routing_key",
      "service_key", "api_url", "shared_key");
  private final NotificationControl control;
  private final AuditTrail audit;

  public NotificationsApi(NotificationControl control, AuditTrail audit) {
    this.control = control;
    this.audit = audit;
  }

  public void register(ServerBuilder sb) {
    Silences silences = control.dispatcher().silences();
    sb.route().get("/api/v1/notifications/config").build((ctx, req) -> success(g -> {
      g.writeStringField("source", control.source());
      g.writeFieldName("config");
      JSON.writeValue(g, redacted(control.section()));
    }));
    sb.route().methods(HttpMethod.PUT).path("/api/v1/notifications/config").build((ctx, req) -> HttpResponse.of(
        req.aggregate().thenApply(ctx.makeContextAware((AggregatedHttpRequest agg) -> replace(ctx, agg.contentUtf8())))));
    sb.route().methods(HttpMethod.DELETE).path("/api/v1/notifications/config").build((ctx, req) -> {
      control.reset();
      audit.record(ctx, "config.notifications.reset", "notifications", AuditOutcome.ALLOWED, Map.of());
      return success(g -> g.writeStringField("source", control.source()));
    });
    sb.route().get("/api/v1/silences").build((ctx, req) -> success(g -> {
      g.writeArrayFieldStart("silences");
      for (Silences.Entry e : silences.list()) {
        silence(g, e.silence(), e.state().text());
      }
      g.writeEndArray();
    }));
    sb.route().post("/api/v1/silences").build((ctx, req) -> HttpResponse.of(req.aggregate().thenApply(ctx.makeContextAware(
        (AggregatedHttpRequest agg) -> create(ctx, silences, agg.contentUtf8())))));
    sb.route().get("/api/v1/silences/{id}").build((ctx, req) -> silences.list().stream()
        .filter(e -> e.silence().id().equals(ctx.pathParam("id"))).findFirst()
        .map(e -> success(g -> silence(g, e.silence(), e.state().text())))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no silence " + ctx.pathParam("id"))));
    sb.route().methods(HttpMethod.DELETE).path("/api/v1/silences/{id}").build((ctx, req) -> {
      try {
        silences.expire(ctx.pathParam("id"));
        audit.record(ctx, "silence.expire", "silence:" + ctx.pathParam("id"), AuditOutcome.ALLOWED, Map.of());
        return success(g -> g.writeStringField("expired", ctx.pathParam("id")));
      } catch (NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, "no silence " + ctx.pathParam("id"));
      } catch (IllegalStateException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
      }
    });
    sb.route().get("/api/v1/alerts/history").build((ctx, req) -> success(g -> {
      g.writeArrayFieldStart("notifications");
      for (HistoryEntry h : control.dispatcher().history()) {
        g.writeStartObject();
        g.writeStringField("at", h.at().toString());
        g.writeStringField("receiver", h.receiver());
        g.writeStringField("channel", h.channel());
        g.writeStringField("groupKey", h.groupKey());
        g.writeStringField("status", h.status());
        g.writeStringField("outcome", h.outcome());
        g.writeNumberField("attempts", h.attempts());
        g.writeArrayFieldStart("alerts");
        for (Map<String, String> labels : h.alerts()) {
          g.writeStartObject();
          AlertJson.strings(g, "labels", labels);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }));
    sb.route().get("/api/v1/notifications/dead-letters").build((ctx, req) -> success(g -> {
      g.writeArrayFieldStart("deadLetters");
      for (DeadLetter d : control.dispatcher().deadLetters(1000)) {
        g.writeStartObject();
        g.writeStringField("at", d.at().toString());
        g.writeStringField("receiver", d.receiver());
        g.writeStringField("channel", d.channel());
        g.writeStringField("groupKey", d.groupKey());
        g.writeStringField("lastError", d.lastError());
        g.writeNumberField("attempts", d.attempts());
        g.writeStringField("payload", d.payload());
        g.writeEndObject();
      }
      g.writeEndArray();
    }));
  }

  /** A {@code notifications:} section as YAML or JSON (JSON is YAML); answered 400 naming the wrong setting. */
  @SuppressWarnings("unchecked")
  private HttpResponse replace(com.linecorp.armeria.server.ServiceRequestContext ctx, String body) {
    Object parsed;
    try {
      parsed = YAML.readValue(body, Object.class);
    } catch (IOException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not YAML or JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      return error(HttpStatus.BAD_REQUEST, "the body must be the notifications section: route, receivers, inhibit_rules, ...");
    }
    try {
      control.replace((Map<String, Object>) map);
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    audit.record(ctx, "config.notifications", "notifications", AuditOutcome.ALLOWED, Map.of());
    return success(g -> g.writeStringField("source", control.source()));
  }

  /** The section with passwords, keys and Slack webhook URLs written as {@code <secret>}. */
  @SuppressWarnings("unchecked")
  static Object redacted(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, SECRETS.contains(k) ? "<secret>" : redacted(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(NotificationsApi::redacted).toList();
    }
    return value;
  }

  /** {@code {"matchers": ["alertname=\"X\""], "startsAt": "...", "endsAt": "...", "createdBy": "...", "comment": "..."}}. */
  private HttpResponse create(com.linecorp.armeria.server.ServiceRequestContext ctx, Silences silences, String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        return error(HttpStatus.BAD_REQUEST, "the body must be a JSON object with matchers, startsAt, endsAt, createdBy and comment");
      }
      List<String> matchers = new ArrayList<>();
      n.path("matchers").forEach(m -> matchers.add(m.asText()));
      String id = silences.create(new SilenceRequest(n.has("matchers") ? SilenceRequest.matchers(matchers) : null,
          instant(n, "startsAt"), instant(n, "endsAt"), text(n, "createdBy"), text(n, "comment")));
      audit.record(ctx, "silence.create", "silence:" + id, AuditOutcome.ALLOWED, Map.of("matchers", String.join(",", matchers)));
      return success(g -> g.writeStringField("silenceID", id));
    } catch (IOException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private static Instant instant(JsonNode n, String field) {
    if (!n.hasNonNull(field)) {
      return null;
    }
    try {
      return RulesApi.time(field, n.get(field).asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": '" + n.get(field).asText() + "' is not RFC 3339 or Unix seconds");
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static void silence(JsonGenerator g, Silence s, String state) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeArrayFieldStart("matchers");
    for (Matcher m : s.matchers()) {
      g.writeString(m.toString());
    }
    g.writeEndArray();
    g.writeStringField("startsAt", s.startsAt().toString());
    g.writeStringField("endsAt", s.endsAt().toString());
    g.writeStringField("createdBy", s.createdBy());
    g.writeStringField("comment", s.comment());
    g.writeStringField("updatedAt", s.updatedAt().toString());
    g.writeStringField("state", state);
    g.writeEndObject();
  }
}
