package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.ok;

import com.linecorp.armeria.server.ServerBuilder;
import dev.sightline.pipeline.processor.SamplingRates;
import java.util.List;
import java.util.function.Supplier;

/** {@code GET /api/v1/sampling/rates}: what adaptive sampling keeps of each root operation now. */
public final class SamplingApi {
  private final Supplier<List<SamplingRates.OperationRate>> rates;

  public SamplingApi(Supplier<List<SamplingRates.OperationRate>> rates) {
    this.rates = rates;
  }

  public void register(ServerBuilder sb) {
    sb.service("/api/v1/sampling/rates", (ctx, req) -> ok(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("rates");
      for (SamplingRates.OperationRate r : rates.get()) {
        g.writeStartObject();
        g.writeStringField("processor", r.processor());
        g.writeStringField("policy", r.policy());
        g.writeStringField("service", r.service());
        g.writeStringField("operation", r.operation());
        g.writeNumberField("tracesPerSecond", r.tracesPerSecond());
        g.writeNumberField("probability", r.probability());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }));
  }
}
