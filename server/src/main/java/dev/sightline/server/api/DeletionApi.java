package dev.sightline.server.api;

import static dev.sightline.server.api.JsonResponses.error;
import static dev.sightline.server.api.JsonResponses.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sightline.receivers.RequestTenant;
import dev.sightline.security.audit.AuditOutcome;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.DataDeleter;
import dev.sightline.storage.DeletionReport;
import dev.sightline.storage.DeletionRequest;
import dev.sightline.storage.StorageException;
import dev.sightline.storage.TimeRange;
import dev.sightline.storage.tier.SignalType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/data/delete}: deletes the request tenant's data that a selector matches, in
 * every tier, and answers with what went; every deletion is in the audit log with its selector and
 * its report. The body: {@code {"signals": ["traces", "logs"], "service": "shop", "attributes":
 * {"user.id": "42"}, "start": "...", "end": "...", "everything": false}}.
 */
public final class DeletionApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Optional<DataDeleter> deleter;
  private final AuditTrail audit;

  public DeletionApi(Optional<DataDeleter> deleter, AuditTrail audit) {
    this.deleter = deleter;
    this.audit = audit;
  }

  public void register(ServerBuilder sb) {
    sb.route().path("/api/v1/data/delete").methods(HttpMethod.POST).build((ctx, req) ->
        HttpResponse.of(req.aggregate().thenApplyAsync(r -> delete(ctx, r), ctx.blockingTaskExecutor())));
  }

  private HttpResponse delete(ServiceRequestContext ctx, AggregatedHttpRequest req) {
    if (deleter.isEmpty()) {
      return error(HttpStatus.NOT_IMPLEMENTED, "this storage backend cannot delete data on request");
    }
    DeletionRequest request;
    try {
      request = parse(req.contentUtf8());
    } catch (IllegalArgumentException | BadRequestException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("signals", request.signals().stream().map(SignalType::label).sorted().toList().toString());
    details.put("selector", selector(request));
    try {
      DeletionReport report = deleter.orElseThrow().delete(request);
      details.put("removed", Long.toString(report.removed()));
      audit.record(ctx, "data.delete", "tenant:" + request.tenant(), AuditOutcome.ALLOWED, details);
      return ok(g -> {
        g.writeStartObject();
        g.writeNumberField("removed", report.removed());
        g.writeObjectFieldStart("removedByTier");
        for (var e : new TreeMap<>(report.removedByTier()).entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeNumberField("filesRewritten", report.filesRewritten());
        g.writeEndObject();
      });
    } catch (StorageException e) {
      details.put("error", e.getMessage());
      audit.record(ctx, "data.delete", "tenant:" + request.tenant(), AuditOutcome.FAILED, details);
      return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; what was deleted before the failure stays deleted, "
          + "and the same request can be sent again");
    }
  }

  private static String selector(DeletionRequest r) {
    List<String> parts = new ArrayList<>();
    if (r.service() != null) parts.add("service=" + r.service());
    for (AttributeFilter a : r.attributes()) parts.add(a.key() + "=" + a.value());
    if (r.everything()) parts.add("everything");
    parts.add("range=" + r.range().startNanos() + ".." + r.range().endNanos());
    return String.join(", ", parts);
  }

  static DeletionRequest parse(String body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequestException("the body is not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new BadRequestException("the body must be a JSON object such as {\"signals\": [\"traces\"], \"attributes\": {\"user.id\": \"42\"}}");
    }
    Set<SignalType> signals = EnumSet.noneOf(SignalType.class);
    JsonNode list = n.path("signals");
    if (list.isMissingNode()) {
      signals = EnumSet.allOf(SignalType.class);
    } else if (!list.isArray()) {
      throw new BadRequestException("signals: expected a list of traces, metrics and logs");
    } else {
      for (JsonNode s : list) signals.add(SignalType.of(s.asText()));
    }
    List<AttributeFilter> attributes = new ArrayList<>();
    JsonNode attrs = n.path("attributes");
    if (!attrs.isMissingNode() && !attrs.isObject()) {
      throw new BadRequestException("attributes: expected an object of names and values, such as {\"user.id\": \"42\"}");
    }
    attrs.fields().forEachRemaining(e -> attributes.add(new AttributeFilter(e.getKey(), e.getValue().asText())));
    long start = n.hasNonNull("start") ? Params.parseTime("start", n.get("start").asText()) : 0;
    long end = n.hasNonNull("end") ? Params.parseTime("end", n.get("end").asText()) : Long.MAX_VALUE;
    if (end < start) {
      throw new BadRequestException("end is before start");
    }
    String service = n.hasNonNull("service") ? n.get("service").asText() : null;
    return new DeletionRequest(RequestTenant.current(), signals, new TimeRange(start, end), service, attributes,
        n.path("everything").asBoolean(false));
  }
}
