package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.ok;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.receivers.prometheus.scrape.ScrapeManager;
import dev.sightline.receivers.prometheus.scrape.TargetHealth;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** {@code GET /api/v1/targets}: the scrape targets and their health, in Prometheus's shape. */
public final class TargetsApi {
  private final ScrapeManager scrapes;

  public TargetsApi(ScrapeManager scrapes) {
    this.scrapes = scrapes;
  }

  public void register(ServerBuilder sb) {
    sb.service("/api/v1/targets", (ctx, req) -> ok(g -> {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeObjectFieldStart("data");
      g.writeArrayFieldStart("activeTargets");
      for (TargetHealth t : scrapes.targets()) {
        g.writeStartObject();
        labels(g, "discoveredLabels", t.discoveredLabels());
        labels(g, "labels", t.labels());
        g.writeStringField("scrapePool", t.job());
        g.writeStringField("scrapeUrl", t.scrapeUrl());
        g.writeStringField("lastError", t.lastError());
        g.writeStringField("lastScrape", t.lastScrapeMs() == 0 ? "0001-01-01T00:00:00Z"
            : Instant.ofEpochMilli(t.lastScrapeMs()).toString());
        g.writeNumberField("lastScrapeDuration", t.lastScrapeDurationSeconds());
        g.writeStringField("health", t.health());
        g.writeArrayFieldStart("skippedLines");
        for (String line : t.skippedLines()) {
          g.writeString(line);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("droppedTargets");
      g.writeEndArray();
      g.writeObjectFieldStart("discoveryErrors");
      for (Map.Entry<String, java.util.List<String>> e : scrapes.discoveryErrors().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String err : e.getValue()) {
          g.writeString(err);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  private static void labels(JsonGenerator g, String field, Map<String, String> labels) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
