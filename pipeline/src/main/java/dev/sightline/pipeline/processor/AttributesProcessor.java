package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Set;

/**
 * Transforms the attributes of spans, log records and data points (type {@code attributes}):
 * an ordered list of {@link AttributeAction}s, optionally only for some services.
 *
 * <pre>
 * attributes/strip:
 *   services: [checkout]          # optional; all services when absent
 *   actions:
 *     - {action: delete, key: http.request.header.cookie}
 *     - {action: hash, pattern: "^user\\.(id|name)$", salt: "change-me"}
 *     - {action: truncate, key: db.statement, length: 512}
 * </pre>
 */
final class AttributesProcessor extends EditingProcessor {
  private final List<AttributeAction> actions;
  private final Set<String> services;
  private final Set<AttributeSite> sites;

  AttributesProcessor(String id, List<AttributeAction> actions, Set<String> services, Set<AttributeSite> sites) {
    super(id);
    this.actions = List.copyOf(actions);
    this.services = Set.copyOf(services);
    this.sites = Set.copyOf(sites);
  }

  static AttributesProcessor create(String id, Settings s) {
    s.allowOnly("actions", "services");
    List<AttributeAction> actions = s.maps("actions").stream().map(AttributeAction::parse).toList();
    if (actions.isEmpty()) {
      throw s.fail("actions", "at least one action is required");
    }
    return new AttributesProcessor(id, actions, Set.copyOf(s.strings("services")),
        Set.of(AttributeSite.SPAN, AttributeSite.LOG, AttributeSite.METRIC_POINT));
  }

  @Override
  public List<KeyValue> attributes(AttributeSite site, String service, List<KeyValue> attributes) {
    if (!sites.contains(site) || (!services.isEmpty() && !services.contains(service))) {
      return attributes;
    }
    List<KeyValue> out = attributes;
    for (AttributeAction a : actions) {
      out = a.apply(out);
    }
    return out;
  }
}
