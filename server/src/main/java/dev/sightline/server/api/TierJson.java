package dev.sightline.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sightline.storage.tier.ArchiveBundle;
import dev.sightline.storage.tier.Tier;
import dev.sightline.storage.tier.TierPlan;
import java.io.IOException;

/** How answers say which storage tiers they read ({@code "tiers"}) and what an archive bundle is. */
final class TierJson {
  private TierJson() {}

  static void plan(JsonGenerator g, TierPlan plan) throws IOException {
    g.writeObjectFieldStart("tiers");
    g.writeArrayFieldStart("read");
    for (Tier t : plan.read()) g.writeString(t.label());
    g.writeEndArray();
    g.writeArrayFieldStart("skipped");
    for (String s : plan.skipped()) g.writeString(s);
    g.writeEndArray();
    g.writeEndObject();
  }

  static void bundle(JsonGenerator g, ArchiveBundle b) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", b.id());
    g.writeStringField("signal", b.signal().label());
    SpanJson.nanos(g, "minTimeUnixNano", b.minTimeNanos());
    SpanJson.nanos(g, "maxTimeUnixNano", b.maxTimeNanos());
    g.writeNumberField("rows", b.rows());
    g.writeNumberField("bytes", b.bytes());
    g.writeBooleanField("restored", b.restoredUntilMillis() > 0);
    if (b.restoredUntilMillis() > 0) {
      g.writeStringField("restoredUntil", java.time.Instant.ofEpochMilli(b.restoredUntilMillis()).toString());
    }
    g.writeEndObject();
  }
}
