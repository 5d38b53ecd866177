package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.tier.SignalType;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to delete on request: a tenant's items of the given signals in a time range that match a
 * selector: a service, attribute values (of the item or its resource; for Prometheus samples, series
 * labels), or, with {@code everything}, all of them.
 */
public record DeletionRequest(String tenant, Set<SignalType> signals, TimeRange range, @Nullable String service,
    List<AttributeFilter> attributes, boolean everything) {

  public DeletionRequest {
    requireNonNull(tenant, "tenant");
    requireNonNull(range, "range");
    signals = Set.copyOf(requireNonNull(signals, "signals"));
    attributes = List.copyOf(requireNonNull(attributes, "attributes"));
    if (signals.isEmpty()) {
      throw new IllegalArgumentException("name at least one signal to delete from (traces, metrics, logs)");
    }
    if (!everything && service == null && attributes.isEmpty()) {
      throw new IllegalArgumentException("a deletion needs a selector: a service, an attribute value, "
          + "or everything=true for all of the tenant's data in the range");
    }
  }
}
