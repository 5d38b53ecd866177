package dev.sightline.security.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One audited action.
 *
 * @param time when it happened
 * @param actor the principal: an API key id, a JWT subject, or {@code anonymous}
 * @param tenant the tenant whose data or settings it touched
 * @param action what was done, dotted lower case: {@code key.create}, {@code login}, {@code rules.change}
 * @param target what it acted on (a key id, a rule file, a query); empty when there is nothing more to say
 * @param source the client address; empty for actions the server starts itself
 * @param outcome whether it was allowed, denied or failed
 * @param details a few extra strings, such as a reason or a role; sorted by key
 */
public record AuditEvent(
    Instant time,
    String actor,
    String tenant,
    String action,
    String target,
    String source,
    AuditOutcome outcome,
    Map<String, String> details) {

  /** The actor of requests that carried no credentials. */
  public static final String ANONYMOUS = "anonymous";
  // Lines stay small so that one entry is one short write; details are context, not payloads.
  static final int MAX_TEXT = 1024;
  static final int MAX_DETAILS = 32;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public AuditEvent {
    Objects.requireNonNull(time, "time is required");
    requireName("actor", actor);
    requireName("tenant", tenant);
    Objects.requireNonNull(action, "action is required");
    if (!ACTION.matcher(action).matches() || action.length() > 128) {
      throw new IllegalArgumentException("action must be dotted lower-case words such as key.create, was '" + action + "'");
    }
    requireText("target", target);
    requireText("source", source);
    Objects.requireNonNull(outcome, "outcome is required (allowed, denied or failed)");
    Objects.requireNonNull(details, "details is required (may be empty)");
    if (details.size() > MAX_DETAILS) {
      throw new IllegalArgumentException("details may hold at most " + MAX_DETAILS + " entries, had " + details.size());
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    details.forEach((k, v) -> {
      requireName("details key", k);
      requireText("details." + k, v);
      sorted.put(k, v);
    });
    // A sorted copy keeps the order of the canonical JSON, which the hash is computed over, stable.
    details = Collections.unmodifiableSortedMap(sorted);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireName(String field, @Nullable String value) {
    requireText(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requireText(String field, @Nullable String value) {
    Objects.requireNonNull(value, () -> field + " is required");
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT + " characters, was " + value.length());
    }
  }

  /** Builds an event; {@code target}, {@code source} and {@code details} default to empty. */
  public static final class Builder {
    private @Nullable Instant time;
    private @Nullable String actor;
    private @Nullable String tenant;
    private @Nullable String action;
    private String target = "";
    private String source = "";
    private @Nullable AuditOutcome outcome;
    private final Map<String, String> details = new TreeMap<>();

    private Builder() {}

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    public Builder target(String target) {
      this.target = target;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder outcome(AuditOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder detail(String key, String value) {
      details.put(key, value);
      return this;
    }

    public Builder details(Map<String, String> details) {
      this.details.putAll(details);
      return this;
    }

    /** The record's constructor reports a missing or bad field by name. */
    public AuditEvent build() {
      return new AuditEvent(time, actor, tenant, action, target, source, outcome, details);
    }
  }
}
