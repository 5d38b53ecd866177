package dev.sightline.security.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A search of the audit log for the admin API. Unset criteria match everything; results come
 * newest first (in the order they were appended) up to {@code limit}.
 *
 * @param from events at or after this time
 * @param to events before this time
 * @param actor exactly this actor
 * @param actionPrefix actions starting with this, such as {@code key.} for every key action
 * @param tenant exactly this tenant
 * @param outcome exactly this outcome
 * @param limit at most this many entries, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String actor,
    @Nullable String actionPrefix,
    @Nullable String tenant,
    @Nullable AuditOutcome outcome,
    int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, was from=" + from + " to=" + to);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  boolean matches(AuditEvent e) {
    return (from == null || !e.time().isBefore(from))
        && (to == null || e.time().isBefore(to))
        && (actor == null || actor.equals(e.actor()))
        && (actionPrefix == null || e.action().startsWith(actionPrefix))
        && (tenant == null || tenant.equals(e.tenant()))
        && (outcome == null || outcome == e.outcome());
  }

  public static final class Builder {
    private @Nullable Instant from;
    private @Nullable Instant to;
    private @Nullable String actor;
    private @Nullable String actionPrefix;
    private @Nullable String tenant;
    private @Nullable AuditOutcome outcome;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    /** Events at or after {@code from} and before {@code to}. */
    public Builder between(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    public Builder actionPrefix(String actionPrefix) {
      this.actionPrefix = actionPrefix;
      return this;
    }

    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    public Builder outcome(AuditOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public AuditQuery build() {
      return new AuditQuery(from, to, actor, actionPrefix, tenant, outcome, limit);
    }
  }
}
