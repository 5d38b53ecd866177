package dev.sightline.server.config;

import dev.sightline.otlp.RequestLimits;
import dev.sightline.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import dev.sightline.security.auth.Roles;
import dev.sightline.security.auth.jwt.JwtVerifierConfig;
import dev.sightline.server.limits.RateLimits;
import dev.sightline.server.auth.LoginSettings;
import dev.sightline.security.auth.Tenants;
import org.jspecify.annotations.Nullable;
import dev.sightline.receivers.prometheus.scrape.ScrapeConfig;
import dev.sightline.receivers.prometheus.scrape.ScrapeConfigParser;
import dev.sightline.receivers.syslog.SyslogReceiverConfig;

/** The validated configuration of one Sightline server. */
public record ServerConfig(
    Path dataDir,
    String listenAddress,
    int otlpGrpcPort,
    int otlpHttpPort,
    int httpPort,
    String tenant,
    int maxRequestBytes,
    RequestLimits requestLimits,
    long logSegmentBytes,
    int logQueueCapacity,
    long logBacklogBytes,
    PipelineConfig pipeline,
    String storageMemoryLimit,
    Duration shutdownTimeout,
    boolean decryptEnabled,
    boolean rerunEnabled,
    boolean statsdEnabled,
    int statsdPort,
    Duration statsdFlushInterval,
    Map<String, Object> processors,
    Map<String, Object> pipelines,
    List<ScrapeConfig> scrapeConfigs,
    PromqlSettings promql,
    Duration outOfOrderWindow,
    boolean lokiEnabled,
    int lokiMaxScannedRecords,
    Duration rollupInterval,
    boolean zipkinEnabled,
    int zipkinPort,
    boolean elasticsearchEnabled,
    int elasticsearchPort,
    JaegerSettings jaeger,
    boolean syslogEnabled,
    SyslogReceiverConfig syslog,
    FluentConfig fluent,
    AlertingSettings alerting,
    Map<String, Object> notifications,
    AuthSettings auth,
    TlsSettings tls,
    @Nullable Path auditHmacKeyFile,
    RateLimits rateLimits,
    Roles roles,
    EncryptionSettings encryption,
    TierSettings tiers,
    ScaleOutSettings scaleOut,
    StorageSettings storage,
    CacheSettings cache,
    MetadataStoreSettings metadata) {

  /** The most items per request a stored entry can hold (log ids keep 20 bits for the index). */
  static final int MAX_ITEMS_PER_REQUEST = 1 << 20;

  /**
   * Limits and defaults of PromQL evaluation; range queries spanning at least {@code rollupMinRange}
   * may read rollups (zero: never).
   */
  public record PromqlSettings(Duration lookbackDelta, Duration queryTimeout, long maxSamples, int maxSeries,
      Duration rollupMinRange) {}

  /**
   * Access control: on or off, the static admin key (empty for none), the roles of client
   * certificates by common name, bearer tokens, and the header that names a tenant.
   */
  public record AuthSettings(boolean enabled, String adminKey, Map<String, String> certificateRoles,
      @Nullable JwtVerifierConfig oidc, String tenantHeader, @Nullable LoginSettings login, Duration sessionTtl) {
    @Override
    public String toString() {
      return "AuthSettings[enabled=" + enabled + ", adminKey=" + (adminKey.isEmpty() ? "none" : "set")
          + ", certificateRoles=" + certificateRoles + ", oidc=" + (oidc == null ? "off" : oidc.issuer())
          + ", tenantHeader=" + tenantHeader + ", login=" + login + "]";
    }
  }

  /** Bearer JWTs from an OIDC issuer: off unless issuer, audience and JWKS URI are all set. */
  private static @Nullable JwtVerifierConfig oidc(ConfigValues v) {
    String issuer = v.optional("auth.oidc.issuer");
    String audience = v.optional("auth.oidc.audience").isEmpty() ? v.optional("auth.oidc.client.id") : v.optional("auth.oidc.audience");
    String jwks = v.optional("auth.oidc.jwks.uri");
    if (issuer.isEmpty() && audience.isEmpty() && jwks.isEmpty()) {
      return null;
    }
    for (String[] kv : new String[][] {{"auth.oidc.issuer", issuer}, {"auth.oidc.audience", audience}, {"auth.oidc.jwks.uri", jwks}}) {
      if (kv[1].isEmpty()) {
        throw new ConfigException(kv[0] + ": required with the other auth.oidc settings");
      }
    }
    try {
      return JwtVerifierConfig.builder(issuer, audience, java.net.URI.create(jwks)).rolesClaim(v.string("auth.oidc.roles.claim"))
          .tenantClaim(v.string("auth.oidc.tenant.claim")).clockSkew(v.duration("auth.oidc.clock.skew")).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static String operatorTenant(ConfigValues v) {
    try {
      return Tenants.requireValid(v.string("tenant"), "tenant");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static RateLimits.Limits limits(ConfigValues v, String prefix) {
    return new RateLimits.Limits(v.decimal(prefix + "requests.per.second", 0, 1e9),
        v.decimal(prefix + "ingest.bytes.per.second", 0, 1e15), v.decimal(prefix + "ingest.items.per.second", 0, 1e12),
        v.integer(prefix + "concurrent.queries", 0, 100_000));
  }

  /** Web UI login: off unless a client id is set, which needs the issuer and its keys (auth.oidc.*) and a redirect URI. */
  private static @Nullable LoginSettings login(ConfigValues v) {
    String clientId = v.optional("auth.oidc.client.id");
    if (clientId.isEmpty()) {
      return null;
    }
    JwtVerifierConfig bearer = oidc(v);
    if (bearer == null) {
      throw new ConfigException("auth.oidc.client.id: UI login needs auth.oidc.issuer and auth.oidc.jwks.uri too");
    }
    String redirect = v.optional("auth.oidc.redirect.uri");
    if (redirect.isEmpty()) {
      throw new ConfigException("auth.oidc.redirect.uri: required with auth.oidc.client.id, e.g. https://sightline.example.com/auth/callback");
    }
    try {
      JwtVerifierConfig idTokens = JwtVerifierConfig.builder(bearer.issuer(), clientId, bearer.jwksUri())
          .rolesClaim(v.string("auth.oidc.roles.claim")).tenantClaim(v.string("auth.oidc.tenant.claim"))
          .clockSkew(v.duration("auth.oidc.clock.skew")).build();
      return new LoginSettings(clientId, v.optional("auth.oidc.client.secret"), absolute(redirect, "auth.oidc.redirect.uri"),
          optionalUri(v, "auth.oidc.authorization.endpoint"), optionalUri(v, "auth.oidc.token.endpoint"),
          v.string("auth.oidc.scopes"), positive(v, "auth.session.ttl"), idTokens);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static java.net.@Nullable URI optionalUri(ConfigValues v, String key) {
    String raw = v.optional(key);
    return raw.isEmpty() ? null : absolute(raw, key);
  }

  private static java.net.URI absolute(String raw, String key) {
    try {
      java.net.URI uri = java.net.URI.create(raw);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new ConfigException(key + ": '" + raw + "' is not an absolute http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": '" + raw + "' is not a URL: " + e.getMessage());
    }
  }

  private static Roles customRoles(Map<String, Object> section) {
    try {
      return Roles.withCustom(section);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static Map<String, String> roles(String text) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException("auth.mtls.roles: '" + pair.trim() + "' is not <common name>=<role>");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  /** TLS on every listener when a certificate is set; client certificates required when a client CA is. */
  public record TlsSettings(@Nullable Path cert, @Nullable Path key, List<String> protocols, @Nullable Path clientCa,
      Duration reloadInterval) {

    static TlsSettings read(ConfigValues v) {
      Path cert = file(v, "tls.cert");
      Path key = file(v, "tls.key");
      if ((cert == null) != (key == null)) {
        throw new ConfigException((cert == null ? "tls.cert" : "tls.key") + ": required with " + (cert == null ? "tls.key" : "tls.cert"));
      }
      Path ca = file(v, "tls.client.ca");
      if (ca != null && cert == null) {
        throw new ConfigException("tls.client.ca: needs tls.cert and tls.key (client certificates are asked for during TLS)");
      }
      List<String> protocols = java.util.Arrays.stream(v.string("tls.protocols").split(",")).map(String::trim).toList();
      for (String p : protocols) {
        if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
          throw new ConfigException("tls.protocols: '" + p + "' is not TLSv1.3 or TLSv1.2");
        }
      }
      Duration reload = v.duration("tls.reload.interval");
      if (reload.isZero()) {
        throw new ConfigException("tls.reload.interval: must be more than 0");
      }
      return new TlsSettings(cert, key, protocols, ca, reload);
    }

    private static @Nullable Path file(ConfigValues v, String key) {
      String raw = v.optional(key);
      if (raw.isEmpty()) {
        return null;
      }
      Path p = Path.of(raw);
      if (!java.nio.file.Files.isReadable(p)) {
        throw new ConfigException(key + ": '" + raw + "' is not a readable file");
      }
      return p;
    }

    public boolean enabled() {
      return cert != null;
    }
  }

  /**
   * Rule evaluation: rules from {@code rulesDir} (none when null), the API and the defaults;
   * {@code selfMetricsInterval} zero stores no self-metrics (and the default ingest rule sees none).
   */
  public record AlertingSettings(boolean enabled, @Nullable Path rulesDir, Duration evaluationInterval,
      boolean defaultRules, Duration reloadInterval, String externalUrl, Duration selfMetricsInterval) {

    static AlertingSettings read(ConfigValues v) {
      String dir = v.optional("alerting.rules.dir");
      Duration interval = v.duration("alerting.evaluation.interval");
      if (interval.isZero()) {
        throw new ConfigException("alerting.evaluation.interval: must be more than 0");
      }
      return new AlertingSettings(v.bool("alerting.enabled"), dir.isEmpty() ? null : Path.of(dir), interval,
          v.bool("alerting.default.rules.enabled"), v.duration("alerting.rules.reload.interval"),
          v.optional("alerting.external.url"), v.duration("self.metrics.interval"));
    }
  }

  /**
   * The Jaeger receivers and remote sampling. An empty {@code samplingProbability} serves the
   * pipeline's head-sampling probability as every service's default.
   */
  public record JaegerSettings(boolean enabled, int grpcPort, int httpPort, OptionalDouble samplingProbability,
      double lowerBoundTracesPerSecond) {

    static JaegerSettings read(ConfigValues v) {
      String probability = v.string("jaeger.sampling.probability");
      return new JaegerSettings(v.bool("jaeger.enabled"), v.port("jaeger.grpc.port"), v.port("jaeger.http.port"),
          probability.equals("pipeline") ? OptionalDouble.empty()
              : OptionalDouble.of(v.decimal("jaeger.sampling.probability", 0, 1)),
          v.decimal("jaeger.sampling.lower.bound.traces.per.second", 0, 1e6));
    }
  }
  /** The Fluent Forward receiver: off unless enabled, its limits, and its shared key (empty: no handshake). */
  public record FluentConfig(boolean enabled, int port, int maxMessageBytes, int maxConnections, Duration readTimeout,
      String sharedKey) {}

  private static List<ScrapeConfig> scrapeConfigs(List<?> raw, Duration interval, Duration timeout) {
    try {
      return ScrapeConfigParser.parse(raw, interval, timeout);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** Messages per ingest request from the syslog receiver: a batch each 200 ms or this many. */
  private static final int SYSLOG_BATCH = 1000;

  private static SyslogReceiverConfig syslog(ConfigValues v, int maxItems) {
    try {
      return new SyslogReceiverConfig(v.string("listen.address"), v.port("syslog.udp.port"), v.port("syslog.tcp.port"),
          v.port("syslog.tls.port"), v.optionalFile("syslog.tls.cert"), v.optionalFile("syslog.tls.key"),
          (int) v.bytes("syslog.max.message.bytes", 480, 16L << 20), v.integer("syslog.max.connections", 1, 1_000_000),
          Math.min(SYSLOG_BATCH, maxItems), Duration.ofMillis(200));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  static Duration positive(ConfigValues v, String key) {
    Duration d = v.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key + ": must be more than 0");
    }
    return d;
  }

  static ServerConfig from(ConfigValues v, Map<String, Object> processors, Map<String, Object> pipelines,
      List<?> scrapeConfigs, Map<String, Object> notifications, Map<String, Object> roles, String masterKeyEnv) {
    int maxItems = v.integer("limits.request.items", 1, MAX_ITEMS_PER_REQUEST);
    return new ServerConfig(
        Path.of(v.string("data.dir")),
        v.string("listen.address"),
        v.port("otlp.grpc.port"),
        v.port("otlp.http.port"),
        v.port("http.port"),
        operatorTenant(v),
        (int) v.bytes("limits.request.bytes", 1024, Integer.MAX_VALUE - 1024),
        new RequestLimits(maxItems, v.integer("limits.item.attributes", 1, 100_000),
            v.integer("limits.attribute.value.length", 1, Integer.MAX_VALUE)),
        v.bytes("ingest.log.segment.bytes", 1L << 20, 1L << 40),
        v.integer("ingest.log.queue.capacity", 1, 1_000_000),
        v.bytes("ingest.log.backlog.bytes", 1L << 20, Long.MAX_VALUE),
        new PipelineConfig(v.integer("pipeline.batch.entries", 1, 1_000_000),
            v.bytes("pipeline.batch.bytes", 1024, 1L << 31)),
        v.string("storage.memory.limit"),
        v.duration("shutdown.timeout"),
        v.bool("api.decrypt.enabled"),
        v.bool("api.rerun.enabled"),
        v.bool("statsd.enabled"),
        v.port("statsd.port"),
        v.duration("statsd.flush.interval"),
        processors,
        pipelines,
        scrapeConfigs(scrapeConfigs, v.duration("scrape.interval"), v.duration("scrape.timeout")),
        new PromqlSettings(v.duration("promql.lookback.delta"), v.duration("promql.query.timeout"),
            v.integer("promql.max.samples", 1, Integer.MAX_VALUE), v.integer("promql.max.series", 1, Integer.MAX_VALUE),
            v.duration("promql.rollup.min.range")),
        v.duration("metrics.out.of.order.window"),
        v.bool("loki.enabled"),
        v.integer("loki.query.max.scanned", 1000, 100_000_000),
        v.duration("metrics.rollup.interval"),
        v.bool("zipkin.enabled"),
        v.port("zipkin.port"),
        v.bool("elasticsearch.enabled"),
        v.port("elasticsearch.port"),
        JaegerSettings.read(v),
        v.bool("syslog.enabled"),
        syslog(v, maxItems),
        new FluentConfig(v.bool("fluent.enabled"), v.port("fluent.port"),
            (int) v.bytes("fluent.max.message.bytes", 1024, Integer.MAX_VALUE - 1024),
            v.integer("fluent.max.connections", 1, 1_000_000), positive(v, "fluent.read.timeout"),
            v.optional("fluent.shared.key")),
        AlertingSettings.read(v),
        notifications,
        new AuthSettings(v.bool("auth.enabled"), v.optional("auth.admin.key"), roles(v.optional("auth.mtls.roles")), oidc(v),
            v.string("tenant.header"), login(v), positive(v, "auth.session.ttl")),
        TlsSettings.read(v),
        v.optional("audit.hmac.key.file").isEmpty() ? null : Path.of(v.optional("audit.hmac.key.file")),
        new RateLimits(limits(v, "limits.rate."), limits(v, "limits.tenant.")),
        customRoles(roles),
        EncryptionSettings.read(v, masterKeyEnv),
        TierSettings.read(v),
        ScaleOutSettings.read(v),
        StorageSettings.read(v),
        CacheSettings.read(v),
        MetadataStoreSettings.read(v, Path.of(v.string("data.dir"))));
  }
}
