package dev.sightline.server.auth;

import com.linecorp.armeria.common.HttpMethod;
import dev.sightline.security.auth.Permission;
import java.util.List;
import java.util.Optional;

/**
 * The permission each request needs, by method and path, first match wins. Health probes and the
 * Jaeger sampling strategies (which SDK samplers fetch without credentials) are public; a path
 * nobody listed needs {@code admin:system}, so an endpoint added later is closed until it is listed.
 */
public final class AccessPolicy {
  private record Rule(boolean readOnly, String prefix, boolean exact, Optional<Permission> permission) {
    boolean matches(HttpMethod method, String path) {
      boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
      return (!readOnly || read) && (exact ? path.equals(prefix) : path.startsWith(prefix));
    }
  }

  private static final Optional<Permission> PUBLIC = Optional.empty();
  private static final List<Rule> RULES = List.of(
      get("/health", true, PUBLIC), get("/ready", true, PUBLIC),
      get("/", true, PUBLIC), // the web UI's page, and the version probe of Elasticsearch clients
      // the web UI's pages and static files (WebUi): no data, which comes from the API below
      get("/traces", false, PUBLIC), get("/logs", false, PUBLIC), get("/query", false, PUBLIC), get("/alerts", false, PUBLIC),
      get("/compare", false, PUBLIC), get("/services", false, PUBLIC), get("/dashboards", false, PUBLIC), get("/admin", false, PUBLIC),
      get("/assets/", false, PUBLIC), get("/favicon.svg", true, PUBLIC),
      any("/auth/", PUBLIC), // web UI login: the flow itself establishes who it is
      any("/api/sampling", PUBLIC), any("/sampling", PUBLIC), any("/jaeger.api_v2.SamplingManager/", PUBLIC),
      get("/metrics", true, Optional.of(Permission.READ_METRICS)),
      // ingest
      any("/v1/traces", Optional.of(Permission.WRITE_TRACES)), any("/v1/metrics", Optional.of(Permission.WRITE_METRICS)),
      any("/v1/logs", Optional.of(Permission.WRITE_LOGS)),
      any("/opentelemetry.proto.collector.trace.v1.", Optional.of(Permission.WRITE_TRACES)),
      any("/opentelemetry.proto.collector.metrics.v1.", Optional.of(Permission.WRITE_METRICS)),
      any("/opentelemetry.proto.collector.logs.v1.", Optional.of(Permission.WRITE_LOGS)),
      any("/jaeger.api_v2.CollectorService/", Optional.of(Permission.WRITE_TRACES)),
      any("/api/traces", Optional.of(Permission.WRITE_TRACES)), any("/api/v2/spans", Optional.of(Permission.WRITE_TRACES)),
      any("/api/v1/spans", Optional.of(Permission.WRITE_TRACES)), any("/loki/api/v1/push", Optional.of(Permission.WRITE_LOGS)),
      any("/_bulk", Optional.of(Permission.WRITE_LOGS)), any("/api/v1/write", Optional.of(Permission.WRITE_METRICS)),
      any("/api/v1/read", Optional.of(Permission.READ_METRICS)),
      // administration
      get("/api/v1/tiers", true, Optional.of(Permission.READ_METRICS)), any("/api/v1/tiers", Optional.of(Permission.ADMIN_SYSTEM)),
      any("/api/v1/archive", Optional.of(Permission.ADMIN_SYSTEM)), any("/api/v1/data/delete", Optional.of(Permission.ADMIN_SYSTEM)),
      any("/api/v1/export", Optional.of(Permission.ADMIN_SYSTEM)), any("/api/v1/import", Optional.of(Permission.ADMIN_SYSTEM)),
      any("/api/v1/keys", Optional.of(Permission.ADMIN_SYSTEM)), any("/api/v1/notifications/config", Optional.of(Permission.ADMIN_SYSTEM)),
      any("/api/v1/pipelines/rerun", Optional.of(Permission.ADMIN_SYSTEM)), any("/api/v1/fields/decrypt", Optional.of(Permission.ADMIN_SYSTEM)),
      // alerting: changing rules and silences; backtests and validation only read
      any("/api/v1/rules/backtest", Optional.of(Permission.READ_METRICS)), any("/api/v1/rules/validate", Optional.of(Permission.READ_METRICS)),
      get("/api/v1/rules", false, Optional.of(Permission.READ_METRICS)), get("/api/v1/alerts", false, Optional.of(Permission.READ_METRICS)),
      get("/api/v1/silences", false, Optional.of(Permission.READ_METRICS)),
      get("/api/v1/notifications/dead-letters", true, Optional.of(Permission.READ_METRICS)),
      any("/api/v1/rules", Optional.of(Permission.WRITE_RULES)), any("/api/v1/silences", Optional.of(Permission.WRITE_RULES)),
      get(WhoAmI.PATH, true, Optional.of(Permission.READ_METRICS)), // or any other permission: alternatives()
      // saved dashboards of the web UI: PromQL panels, so reading them is reading metrics
      get("/api/v1/dashboards", false, Optional.of(Permission.READ_METRICS)), any("/api/v1/dashboards", Optional.of(Permission.WRITE_REPORTS)),
      // queries
      get("/graphql/explorer", false, PUBLIC), any("/graphql", Optional.of(Permission.READ_METRICS)), // fields check their own (GraphqlCall)
      any("/jaeger/api/", Optional.of(Permission.READ_TRACES)), any("/zipkin/api/", Optional.of(Permission.READ_TRACES)),
      any("/loki/api/v1/", Optional.of(Permission.READ_LOGS)), // after the push endpoint above
      any("/api/v1/services", Optional.of(Permission.READ_TRACES)), any("/api/v1/traces", Optional.of(Permission.READ_TRACES)),
      any("/api/v1/sampling/rates", Optional.of(Permission.READ_TRACES)), any("/api/v1/logs", Optional.of(Permission.READ_LOGS)),
      any("/api/v1/metrics/", Optional.of(Permission.READ_METRICS)), any("/api/v1/query", Optional.of(Permission.READ_METRICS)),
      any("/api/v1/series", Optional.of(Permission.READ_METRICS)), any("/api/v1/labels", Optional.of(Permission.READ_METRICS)),
      any("/api/v1/label/", Optional.of(Permission.READ_METRICS)), any("/api/v1/metadata", Optional.of(Permission.READ_METRICS)),
      any("/api/v1/targets", Optional.of(Permission.READ_METRICS)), any("/api/v1/status/", Optional.of(Permission.READ_METRICS)));

  private static Rule get(String path, boolean exact, Optional<Permission> p) {
    return new Rule(true, path, exact, p);
  }

  private static Rule any(String prefix, Optional<Permission> p) {
    return new Rule(false, prefix, false, p);
  }

  /** Administration that stays inside the caller's tenant; any other admin path changes the whole server. */
  private static final List<String> TENANT_ADMINISTRATION = List.of("/api/v1/keys", "/api/v1/audit", "/api/v1/pipelines/rerun",
      "/api/v1/archive", "/api/v1/data/delete", "/api/v1/export", "/api/v1/import");

  /**
   * Whether an {@code admin:system} path acts on the whole server (notification channels, field
   * decryption, encryption keys, anything not listed) rather than on the caller's tenant.
   */
  public boolean systemWide(String path) {
    return TENANT_ADMINISTRATION.stream().noneMatch(path::startsWith);
  }

  /**
   * Silences and notifications act on the one routing tree of the server, which the operator
   * tenant keeps; other tenants' alerts reach it with a {@code tenant} label.
   */
  private static final List<String> OPERATOR_TENANT_ONLY = List.of("/api/v1/silences", "/api/v1/notifications");

  /** Whether the path serves the operator tenant only (silences and notifications). */
  public boolean operatorTenantOnly(String path) {
    return OPERATOR_TENANT_ONLY.stream().anyMatch(path::startsWith);
  }

  /**
   * Permissions that admit a request in place of the one {@link #required} names: GraphQL serves
   * every signal on one path and checks each field's own permission, so any read admits it; anyone
   * authenticated may ask who they are.
   */
  public List<Permission> alternatives(String path) {
    if (path.equals(WhoAmI.PATH)) {
      return WhoAmI.any(); // who the caller is: any permission will do
    }
    return path.equals("/graphql") ? List.of(Permission.READ_TRACES, Permission.READ_LOGS, Permission.READ_METRICS) : List.of();
  }

  /** The permission needed; empty for a public endpoint. */
  public Optional<Permission> required(HttpMethod method, String path) {
    for (Rule r : RULES) {
      if (r.matches(method, path)) {
        return r.permission();
      }
    }
    if (path.endsWith("/_bulk")) {
      return Optional.of(Permission.WRITE_LOGS); // /<index>/_bulk
    }
    return Optional.of(Permission.ADMIN_SYSTEM);
  }
}
