package dev.sightline.server;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.common.TlsProvider;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerTlsConfig;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.encoding.EncodingService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import dev.sightline.otlp.OtlpValidator;
import dev.sightline.pipeline.LossAccounting;
import dev.sightline.pipeline.SelfMetrics;
import dev.sightline.pipeline.Signal;
import dev.sightline.pipeline.StoragePipeline;
import dev.sightline.pipeline.processor.PipelineSpec;
import dev.sightline.pipeline.processor.Pipelines;
import dev.sightline.pipeline.processor.ProcessorContext;
import dev.sightline.receivers.otlp.OtlpGrpcServices;
import dev.sightline.receivers.elastic.BulkService;
import dev.sightline.receivers.jaeger.JaegerCollectorService;
import dev.sightline.receivers.jaeger.JaegerThriftService;
import dev.sightline.receivers.jaeger.SamplingHttpService;
import dev.sightline.receivers.jaeger.SamplingManagerService;
import dev.sightline.receivers.jaeger.SamplingStrategies;
import dev.sightline.receivers.fluent.FluentReceiver;
import dev.sightline.receivers.fluent.FluentSettings;
import dev.sightline.receivers.loki.LokiPushService;
import dev.sightline.receivers.prometheus.RemoteWriteService;
import dev.sightline.receivers.prometheus.SeriesToOtlp;
import dev.sightline.receivers.prometheus.scrape.ScrapeManager;
import dev.sightline.server.api.TargetsApi;
import dev.sightline.server.api.prometheus.PrometheusApi;
import dev.sightline.server.api.prometheus.QueryEndpoints;
import dev.sightline.server.api.prometheus.RemoteReadService;
import dev.sightline.query.promql.PromqlEngine;
import dev.sightline.receivers.statsd.StatsdReceiver;
import dev.sightline.receivers.syslog.SyslogReceiver;
import dev.sightline.receivers.zipkin.ZipkinSpansService;
import dev.sightline.receivers.otlp.OtlpHttpService;
import dev.sightline.receivers.otlp.OtlpIngest;
import dev.sightline.server.api.DecryptApi;
import dev.sightline.server.api.QueryApi;
import dev.sightline.server.api.JaegerQueryApi;
import dev.sightline.server.api.ZipkinQueryApi;
import dev.sightline.server.dashboards.DashboardStore;
import dev.sightline.server.dashboards.DashboardsApi;
import dev.sightline.server.api.LokiQueryApi;
import dev.sightline.query.logql.LogqlEngine;
import dev.sightline.server.api.QueryMasking;
import dev.sightline.server.api.RerunApi;
import dev.sightline.server.api.SamplingApi;
import dev.sightline.server.config.NodeRole;
import dev.sightline.server.metadata.MetadataErrors;
import dev.sightline.server.metadata.MetadataSetup;
import dev.sightline.server.config.ServerConfig;
import dev.sightline.server.ops.OpsEndpoints;
import dev.sightline.server.ops.Readiness;
import dev.sightline.server.auth.WhoAmI;
import dev.sightline.server.ui.WebUi;
import dev.sightline.security.auth.ApiKeys;
import dev.sightline.security.auth.jwt.JwtVerifier;
import dev.sightline.server.api.AuditApi;
import dev.sightline.server.api.TiersApi;
import dev.sightline.server.api.DeletionApi;
import dev.sightline.server.api.ExportApi;
import dev.sightline.server.api.EncryptionApi;
import dev.sightline.server.api.KeysApi;
import dev.sightline.server.auth.AuditTrail;
import dev.sightline.server.auth.SecurityHeaders;
import dev.sightline.server.limits.RateLimitDecorator;
import dev.sightline.security.audit.AuditLog;
import dev.sightline.security.audit.AuditLogConfig;
import dev.sightline.server.auth.AuthDecorator;
import dev.sightline.server.auth.TenantScope;
import dev.sightline.server.auth.Sessions;
import dev.sightline.server.auth.OidcLogin;
import dev.sightline.server.auth.Authenticator;
import dev.sightline.server.config.ConfigException;
import java.util.Optional;
import dev.sightline.server.ops.SelfMetricsRecorder;
import dev.sightline.alerting.StoreSignalConditions;
import dev.sightline.storage.SampleReader;
import dev.sightline.storage.Storage;
import dev.sightline.storage.duckdb.DuckDbStorage;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Sightline process: storage, ingest log, pipeline, then the API and the OTLP receivers.
 * Closing it drains in the reverse order, so everything acknowledged is stored before exit.
 */
public final class SightlineServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SightlineServer.class);
  private final ServerConfig config;
  private final SelfMetrics metrics = new SelfMetrics();
  private final MetadataSetup metadata;
  private final ApiKeys apiKeys;
  private final AuthDecorator auth;
  private final RateLimitDecorator rateLimits;
  private final AuditTrail auditTrail;
  private @Nullable AuditLog auditLog;
  private final Storage storage;
  /** The embedded store when it is the engine; null on ClickHouse, whose lack of its features is logged. */
  private final @Nullable DuckDbStorage embedded;
  private final NodeLogs logs;
  private final StoragePipeline pipeline;
  private final Server api;
  private final Server otlpGrpc;
  private final Server otlpHttp;
  private final @Nullable StatsdReceiver statsd;
  private final @Nullable SyslogReceiver syslog;
  private final @Nullable FluentReceiver fluent;
  private final @Nullable Server zipkin;
  private final @Nullable Server elasticsearch;
  private final @Nullable Server jaegerGrpc;
  private final @Nullable Server jaegerHttp;
  private final ScrapeManager scrapes;
  private final @Nullable AlertingSetup alerting;
  private final SelfMetricsRecorder selfMetrics;
  private volatile boolean ready;
  private boolean closed;

  private SightlineServer(ServerConfig config, MetadataSetup metadata, Clock clock) {
    this.config = config;
    NodeRole role = config.scaleOut().role();
    this.metadata = metadata;
    this.apiKeys = new ApiKeys(metadata.apiKeys(), clock, metadata.roles()::get);
    TenantScope tenants = new TenantScope(config.tenant(), config.auth().tenantHeader());
    Sessions sessions = new Sessions(config.auth().sessionTtl(), clock);
    Authenticator authenticator = new Authenticator(apiKeys, metadata.roles()::get, config.auth().adminKey(), metadata.certificateRoles(),
        config.auth().oidc() == null ? null : new JwtVerifier(config.auth().oidc(), clock), config.tenant());
    this.auth = new AuthDecorator(authenticator, config.auth().enabled(), tenants, sessions);
    announceAuth();
    this.rateLimits = new RateLimitDecorator(config.rateLimits(), clock, metrics);
    this.auditTrail = new AuditTrail(config.tenant(), clock);
    LossAccounting loss = new LossAccounting(metrics);
    Pipelines processors = new Pipelines(PipelineSpec.build(config.processors(), config.pipelines(),
        new ProcessorContext(config.dataDir(), clock, metrics, loss)), loss, metrics);
    EncryptionAtRest atRest = EncryptionAtRest.open(config.encryption(), config.dataDir(), clock);
    StorageEngine opened = StorageEngine.open(config, atRest, clock);
    storage = dev.sightline.server.cache.CachedStorage.wrap(opened.storage(), config.cache(), metrics, clock);
    embedded = opened.embedded();
    try {
      logs = NodeLogs.open(config, storage.writer(), opened.claims(), atRest, clock);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    if (opened.clickhouse() != null && logs.partitions() != null) {
      opened.clickhouse().partitioned(logs.partitions());
    }
    opened.registerGauges(metrics);
    if (config.scaleOut().role().processes()) {
      requireLogCoversCheckpoint();
    }
    registerLogGauges();
    pipeline = new StoragePipeline(logs.pipeline(), storage.writer(), loss, metrics, config.pipeline(), processors);
    OtlpIngest ingest = new OtlpIngest(logs.appends(), new OtlpValidator(config.requestLimits()), loss, clock, rateLimits);

    ServerBuilder apiBuilder = builder(config.httpPort());
    QueryMasking masking = new QueryMasking(processors::classifiers, auditTrail);
    new QueryApi(storage, clock, masking).register(apiBuilder);
    new DecryptApi(processors.decryptions(), config.decryptEnabled()).register(apiBuilder);
    new SamplingApi(processors::samplingRates).register(apiBuilder);
    new KeysApi(apiKeys, tenants, auditTrail).register(apiBuilder);
    new AuditApi(auditTrail, tenants).register(apiBuilder);
    new TiersApi(storage, embedded == null ? java.util.Map::of : embedded::tierCounts, config.tiers().retention(), auditTrail)
        .register(apiBuilder);
    new DeletionApi(storage.deleter(), auditTrail).register(apiBuilder);
    new ExportApi(storage.exporter(), ingest, auditTrail, clock, config.dataDir().resolve("scratch")).register(apiBuilder);
    WhoAmI.register(apiBuilder, config.auth().enabled());
    new DashboardsApi(new DashboardStore(metadata.dashboards(), clock)).register(apiBuilder);
    if (config.auth().login() != null) {
      new OidcLogin(config.auth().login(), authenticator, sessions, auditTrail, clock, config.tls().enabled()).register(apiBuilder);
    }
    new EncryptionApi(atRest == null ? null : atRest.keys(), atRest == null ? null : atRest.master(), logs.encrypted(),
        embedded == null ? "none" : embedded.crypto(), auditTrail).register(apiBuilder);
    apiBuilder.route().path("/api/v1/write").methods(HttpMethod.POST).maxRequestLength(config.maxRequestBytes())
        .build(new RemoteWriteService(ingest, config.maxRequestBytes(), metrics));
    if (config.lokiEnabled()) {
      apiBuilder.route().path("/loki/api/v1/push").methods(HttpMethod.POST).maxRequestLength(config.maxRequestBytes())
          .build(new LokiPushService(ingest, config.maxRequestBytes(), clock, metrics));
    }
    new RerunApi(processors, storage.rewriter(), clock, config.rerunEnabled()).register(apiBuilder);
    scrapes = new ScrapeManager(config.scrapeConfigs(), (series, types) -> ingest.metrics(
        SeriesToOtlp.convert(series, types, "sightline.prometheus.scrape"), null, "prometheus_scrape", config.tenant()),
        clock, metrics);
    new TargetsApi(scrapes).register(apiBuilder);
    storage.samples().ifPresent(samples -> apiBuilder.route().path("/api/v1/read").methods(HttpMethod.POST)
        .build(new RemoteReadService(samples,
            new SampleReader.SelectLimits(config.promql().maxSeries(), config.promql().maxSamples()))));
    PromqlEngine engine = storage.samples().map(samples -> PromqlEngine.builder(samples)
        .lookbackDelta(config.promql().lookbackDelta()).timeout(config.promql().queryTimeout())
        .maxSamples(config.promql().maxSamples()).rollupMinRange(config.promql().rollupMinRange())
        .selectLimits(new SampleReader.SelectLimits(config.promql().maxSeries(), Long.MAX_VALUE)).clock(clock).build())
        .orElse(null);
    new JaegerQueryApi(storage, engine, clock, masking).register(apiBuilder);
    new ZipkinQueryApi(storage, engine, clock, masking).register(apiBuilder);
    new LokiQueryApi(new LogqlEngine(storage.logs(), config.lokiMaxScannedRecords()), clock, masking).register(apiBuilder);
    if (engine != null) {
      metrics.gauge("sightline_promql_rollup_selections", "PromQL selectors answered from rollups instead of raw samples, since start.",
          engine::rollupSelections);
      new PrometheusApi(storage.samples().orElseThrow(), storage.metricMetadata().orElseThrow(), storage.exemplars().orElseThrow(),
          new QueryEndpoints(engine, clock, storage.tiers()), masking).register(apiBuilder);
    }
    alerting = engine != null && config.alerting().enabled() && role.answersQueries()
        ? new AlertingSetup(config, engine,
            new StoreSignalConditions(storage.logCounter(), storage.spanStatistics(), engine), ingest,
            generatorUrl(), metadata, clock, metrics)
        : null;
    if (alerting != null) {
      alerting.register(apiBuilder, auditTrail);
    }
    new dev.sightline.server.api.GraphqlApi(storage, engine, alerting == null ? null : alerting.manager(), clock, masking).register(apiBuilder);
    selfMetrics = new SelfMetricsRecorder(metrics, ingest, config.tenant(), config.alerting().selfMetricsInterval(), clock,
        instance());
    Readiness readiness = new Readiness(() -> ready);
    logs.requiredBy(role, readiness);
    opened.requiredBy(role, readiness);
    metadata.requiredBy(role, readiness);
    if (storage instanceof dev.sightline.server.cache.CachedStorage cached) {
      cached.redisBreaker().ifPresent(redis -> readiness.report("redis", () -> Readiness.State.of("Redis", redis.get())));
    }
    OpsEndpoints.register(apiBuilder, readiness, metrics);
    apiBuilder.errorHandler(new MetadataErrors((int) Math.max(1, config.metadata().refreshInterval().toSeconds())));
    if (!role.answersQueries()) {
      apiBuilder.decorator(RoleScope.ingestAndOpsOnly(role));
    }
    WebUi.register(apiBuilder);
    // Browsers ask for gzip or brotli, and a trace of thousands of spans is megabytes of JSON.
    apiBuilder.decoratorUnder("/api/v1/", EncodingService.builder().encodableContentTypes(type -> type.is(MediaType.JSON))
        .newDecorator());
    api = apiBuilder.build();

    GrpcServiceBuilder grpc = GrpcService.builder().maxRequestMessageLength(config.maxRequestBytes());
    OtlpGrpcServices.of(ingest).forEach(grpc::addService);
    otlpGrpc = builder(config.otlpGrpcPort()).service(grpc.build()).build();

    ServerBuilder http = builder(config.otlpHttpPort());
    for (Signal s : Signal.values()) {
      http.route().path("/v1/" + s.label()).maxRequestLength(config.maxRequestBytes())
          .build(new OtlpHttpService(s, ingest, config.maxRequestBytes()));
    }
    // Browser SDKs post OTLP/HTTP from web pages of other origins.
    http.decorator(CorsService.builderForAnyOrigin().allowRequestMethods(HttpMethod.POST)
        .allowRequestHeaders("content-type", "content-encoding").newDecorator());
    otlpHttp = http.build();
    statsd = config.statsdEnabled() && role.receives()
        ? new StatsdReceiver(new InetSocketAddress(config.listenAddress(), config.statsdPort()),
            config.statsdFlushInterval(), ingest, config.tenant(), clock, metrics)
        : null;
    syslog = config.syslogEnabled() && role.receives() ? new SyslogReceiver(config.syslog(), ingest, config.tenant(), clock, metrics) : null;
    ServerConfig.FluentConfig f = config.fluent();
    fluent = f.enabled() && role.receives()
        ? new FluentReceiver(new FluentSettings(new InetSocketAddress(config.listenAddress(), f.port()), f.maxMessageBytes(),
            f.maxConnections(), f.readTimeout(), config.requestLimits().maxItemsPerRequest(), f.sharedKey()), ingest, config.tenant(), clock, metrics)
        : null;
    zipkin = config.zipkinEnabled() && role.receives() ? zipkinServer(ingest) : null;
    if (config.elasticsearchEnabled() && role.receives()) {
      ServerBuilder es = builder(config.elasticsearchPort());
      new BulkService(ingest, clock, metrics).register(es);
      elasticsearch = es.build();
    } else {
      elasticsearch = null;
    }
    if (config.jaeger().enabled() && role.receives()) {
      SamplingStrategies strategies = new SamplingStrategies(
          () -> config.jaeger().samplingProbability().orElse(processors.headSamplingProbability()),
          processors::samplingRates, config.jaeger().lowerBoundTracesPerSecond());
      jaegerGrpc = builder(config.jaeger().grpcPort()).service(GrpcService.builder()
          .maxRequestMessageLength(config.maxRequestBytes())
          .addService(JaegerCollectorService.definition(ingest, metrics))
          .addService(SamplingManagerService.definition(strategies)).build()).build();
      jaegerHttp = jaegerHttpServer(ingest, strategies);
    } else {
      jaegerGrpc = null;
      jaegerHttp = null;
    }
    AuditLogConfig audit = AuditLogConfig.of(config.dataDir().resolve("security").resolve("audit"));
    auditLog = AuditLog.open(config.auditHmacKeyFile() == null ? audit : audit.withHmacKeyFile(config.auditHmacKeyFile()), clock);
    auditTrail.attach(auditLog);
    auditTrail.recordRolesAtStart(config.roles().describe(), config.dataDir().resolve("security").resolve("roles-recorded.txt"));
  }

  private static CompletableFuture<?> stop(@Nullable Server optional) {
    return optional == null ? CompletableFuture.completedFuture(null) : optional.stop();
  }

  /**
   * Sequences restart at 1 in a new log; if the store has already stored beyond that, new entries
   * would be taken as stored and skipped, so start-up stops instead of losing data.
   */
  private void requireLogCoversCheckpoint() {
    long checkpoint = storage.writer().checkpoint();
    if (checkpoint > logs.pipeline().lastSequence()) {
      logs.close();
      storage.close();
      throw new IllegalStateException("the ingest log in " + config.dataDir().resolve("ingest-log")
          + " ends at sequence " + logs.pipeline().lastSequence() + " but the store has stored up to "
          + checkpoint + "; the log was removed or replaced. Restore it, or remove the whole data directory "
          + config.dataDir() + " to start empty");
    }
  }

  /** Thrift spans at {@code /api/traces}; strategies at {@code /api/sampling} and the agent's legacy paths. */
  private Server jaegerHttpServer(OtlpIngest ingest, SamplingStrategies strategies) {
    ServerBuilder b = builder(config.jaeger().httpPort());
    b.route().path("/api/traces").methods(HttpMethod.POST).maxRequestLength(config.maxRequestBytes())
        .build(new JaegerThriftService(ingest, config.maxRequestBytes(), metrics));
    b.route().path("/api/sampling").methods(HttpMethod.GET).build(new SamplingHttpService(strategies, false));
    for (String legacy : new String[] {"/sampling", "/"}) {
      b.route().path(legacy).methods(HttpMethod.GET).build(new SamplingHttpService(strategies, true));
    }
    return b.build();
  }

  private void announceAuth() {
    if (!config.auth().enabled()) {
      log.warn("AUTHENTICATION IS OFF: anyone who reaches these ports may read and write all data and change rules. "
          + "Set auth.enabled=true (docs/security.md) unless this is a laptop.");
      return;
    }
    if (apiKeys.list().stream().noneMatch(k -> k.revokedAt() == null) && config.auth().adminKey().isEmpty()
        && config.auth().oidc() == null) {
      throw new ConfigException("auth.enabled=true but there is no API key yet: set auth.admin.key "
          + "(SIGHTLINE_AUTH_ADMIN_KEY) for the first start and create keys with POST /api/v1/keys, or configure auth.oidc.*");
    }
    if (!config.auth().adminKey().isEmpty()) {
      log.warn("the static admin key (auth.admin.key) is in use: create an admin key with POST /api/v1/keys and remove it");
    }
  }

  /** This server's {@code instance} label: its host name when it listens on every address, and the API port. */
  private String instance() {
    String host = config.listenAddress();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    }
    return host + ":" + config.httpPort();
  }

  /** Where links in notifications point: alerting.external.url, else this host's API port. */
  private String generatorUrl() {
    String external = config.alerting().externalUrl();
    if (!external.isEmpty()) {
      return external.replaceAll("/+$", "") + "/api/v1/alerts";
    }
    String host = config.listenAddress().equals("0.0.0.0") ? "localhost" : config.listenAddress();
    return "http://" + host + ":" + config.httpPort() + "/api/v1/alerts";
  }

  private Server zipkinServer(OtlpIngest ingest) {
    ServerBuilder b = builder(config.zipkinPort());
    for (String version : new String[] {"v1", "v2"}) {
      b.route().path("/api/" + version + "/spans").methods(HttpMethod.POST).maxRequestLength(config.maxRequestBytes())
          .build(new ZipkinSpansService(version.equals("v1"), ingest, config.maxRequestBytes(), metrics));
    }
    return b.build();
  }

  /** Every listener is built here, so every endpoint, present and future, gets access control. */
  private ServerBuilder builder(int port) {
    // The last decorator added runs first: headers on every answer, authentication, then rate limits per principal.
    ServerBuilder b = Server.builder().decorator(rateLimits).decorator(auth)
        .decorator(new SecurityHeaders(config.tls().enabled()));
    InetSocketAddress address = new InetSocketAddress(config.listenAddress(), port);
    ServerConfig.TlsSettings tls = config.tls();
    if (tls.enabled()) {
      // The key pair is read again every tls.reload.interval, so renewed certificates are used without a restart.
      TlsProvider keys = TlsProvider.ofScheduled(() -> TlsKeyPair.of(tls.key().toFile(), tls.cert().toFile()), tls.reloadInterval());
      ServerTlsConfig settings = ServerTlsConfig.builder()
          .clientAuth(tls.clientCa() == null ? io.netty.handler.ssl.ClientAuth.NONE : io.netty.handler.ssl.ClientAuth.REQUIRE)
          .tlsCustomizer(ssl -> {
            ssl.protocols(tls.protocols());
            if (tls.clientCa() != null) {
              ssl.trustManager(tls.clientCa().toFile());
            }
          }).build();
      b.https(address).tlsProvider(keys, settings);
    } else {
      b.http(address);
    }
    return b
        .maxRequestLength(config.maxRequestBytes())
        .gracefulShutdownTimeout(Duration.ofMillis(200), config.shutdownTimeout())
        .connectionDrainDuration(Duration.ZERO)
        .requestTimeout(Duration.ofSeconds(60));
  }

  private void registerLogGauges() {
    logs.registerGauges(metrics, storage.writer());
    if (embedded == null) {
      return;
    }
    for (String outcome : embedded.sampleCounts().keySet()) {
      metrics.gauge("sightline_metric_samples", "Prometheus samples stored (accepted), left out by reason, and chunks merged, since start.",
          () -> embedded.sampleCounts().getOrDefault(outcome, 0L), "outcome", outcome);
    }
    metrics.gauge("sightline_storage_bytes", "Size of the embedded store's database file.", embedded::databaseBytes);
    StorageTiers.registerGauges(embedded, metrics);
  }

  /** Opens storage and the log, replays what the log holds beyond the checkpoint, and serves. */
  public static SightlineServer start(ServerConfig config, Clock clock) {
    MetadataSetup metadata = MetadataSetup.open(config, clock);
    SightlineServer server;
    try {
      server = new SightlineServer(config, metadata, clock);
    } catch (RuntimeException e) {
      metadata.close(); // the embedded store's file lock goes, so a corrected start in this process can open it
      throw e;
    }
    NodeRole role = config.scaleOut().role();
    if (role.processes()) {
      server.pipeline.start();
    }
    server.api.start().join();
    if (role.receives()) {
      server.otlpGrpc.start().join();
      server.otlpHttp.start().join();
    }
    if (server.elasticsearch != null) {
      server.elasticsearch.start().join();
    }
    if (server.zipkin != null) {
      server.zipkin.start().join();
    }
    if (server.jaegerGrpc != null && server.jaegerHttp != null) {
      server.jaegerGrpc.start().join();
      server.jaegerHttp.start().join();
    }
    if (server.statsd != null) {
      server.statsd.start();
    }
    if (server.syslog != null) {
      try {
        server.syslog.start();
      } catch (IllegalStateException e) {
        server.close(); // release the ports and files already open before start-up fails
        throw e;
      }
    }
    if (server.fluent != null) {
      server.fluent.start();
    }
    if (role.receives()) {
      server.scrapes.start();
    }
    server.selfMetrics.start();
    server.metadata.start();
    if (server.alerting != null) {
      server.alerting.start();
    }
    server.ready = true;
    log.info("Sightline ({} node) is ready: OTLP gRPC on {}, OTLP HTTP on {}, API and UI on {}, data in {}",
        role.name().toLowerCase(java.util.Locale.ROOT), server.otlpGrpcPort(), server.otlpHttpPort(), server.httpPort(), config.dataDir().toAbsolutePath());
    return server;
  }

  /** The OTLP gRPC port, or -1 when this node's role runs no receivers. */
  public int otlpGrpcPort() {
    return otlpGrpc.activePorts().isEmpty() ? -1 : otlpGrpc.activeLocalPort();
  }

  /** The OTLP HTTP port, or -1 when this node's role runs no receivers. */
  public int otlpHttpPort() {
    return otlpHttp.activePorts().isEmpty() ? -1 : otlpHttp.activeLocalPort();
  }

  /** The StatsD port (UDP and TCP), or -1 when StatsD is off. */
  public int statsdPort() {
    return statsd == null ? -1 : statsd.port();
  }

  /** The syslog UDP port, or -1 when syslog is off. */
  public int syslogUdpPort() {
    return syslog == null ? -1 : syslog.udpPort();
  }

  /** The syslog TCP port, or -1 when syslog is off. */
  public int syslogTcpPort() {
    return syslog == null ? -1 : syslog.tcpPort();
  }

  /** The syslog TLS port, or -1 when syslog or its TLS listener is off. */
  public int syslogTlsPort() {
    return syslog == null ? -1 : syslog.tlsPort();
  }

  /** The Fluent Forward port (TCP, and UDP for heartbeats), or -1 when it is off. */
  public int fluentPort() {
    return fluent == null ? -1 : fluent.port();
  }

  /** The Elasticsearch-compatible port, or -1 when it is off. */
  public int elasticsearchPort() {
    return elasticsearch == null ? -1 : elasticsearch.activeLocalPort();
  }

  /** The Jaeger gRPC port (collector and sampling manager), or -1 when Jaeger is off. */
  public int jaegerGrpcPort() {
    return jaegerGrpc == null ? -1 : jaegerGrpc.activeLocalPort();
  }

  /** The Jaeger HTTP port (Thrift spans and sampling strategies), or -1 when Jaeger is off. */
  public int jaegerHttpPort() {
    return jaegerHttp == null ? -1 : jaegerHttp.activeLocalPort();
  }

  /** The Zipkin HTTP port, or -1 when Zipkin is off. */
  public int zipkinPort() {
    return zipkin == null ? -1 : zipkin.activeLocalPort();
  }

  public int httpPort() {
    return api.activeLocalPort();
  }

  public SelfMetrics metrics() {
    return metrics;
  }

  /** Stops taking data, stores what was acknowledged, and closes everything. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    log.info("Sightline is shutting down; storing what was accepted");
    if (statsd != null) {
      statsd.shutdown(config.shutdownTimeout()); // its last interval goes into the log before it closes
    }
    if (syslog != null) {
      syslog.shutdown(config.shutdownTimeout()); // what was received goes into the log before it closes
    }
    if (fluent != null) {
      fluent.shutdown(config.shutdownTimeout()); // chunks being stored are stored and acknowledged before the log closes
    }
    scrapes.shutdown(config.shutdownTimeout());
    selfMetrics.shutdown(config.shutdownTimeout());
    if (alerting != null) {
      alerting.shutdown(config.shutdownTimeout());
    }
    CompletableFuture.allOf(otlpGrpc.stop(), otlpHttp.stop(), stop(zipkin), stop(elasticsearch), stop(jaegerGrpc),
        stop(jaegerHttp)).join();
    log.info("receivers stopped");
    pipeline.shutdown(config.shutdownTimeout());
    log.info("pipeline drained");
    logs.close();
    api.stop().join();
    log.info("api stopped");
    storage.close();
    metadata.close();
    if (auditLog != null) {
      auditLog.close();
    }
    log.info("Sightline stopped");
  }
}
