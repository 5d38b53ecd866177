package dev.sightline.storage.tier;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;

/** Retention per signal, with overrides per tenant and signal. */
public record RetentionPolicy(Map<SignalType, Retention> defaults, Map<String, Map<SignalType, Retention>> tenants) {

  public RetentionPolicy {
    requireNonNull(defaults, "defaults");
    requireNonNull(tenants, "tenants");
    EnumMap<SignalType, Retention> all = new EnumMap<>(SignalType.class);
    for (SignalType s : SignalType.values()) {
      all.put(s, defaults.getOrDefault(s, Retention.defaultFor(s)));
    }
    defaults = Map.copyOf(all);
    tenants = Map.copyOf(tenants);
  }

  /** The platform's defaults for every signal and tenant. */
  public static final RetentionPolicy DEFAULT = new RetentionPolicy(Map.of(), Map.of());

  public Retention of(String tenant, SignalType signal) {
    Map<SignalType, Retention> own = tenants.get(tenant);
    Retention r = own == null ? null : own.get(signal);
    return r != null ? r : defaults.get(signal);
  }
}
