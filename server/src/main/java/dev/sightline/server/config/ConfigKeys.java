package dev.sightline.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every configuration key with its default value and a line of help. */
final class ConfigKeys {
  private ConfigKeys() {}

  record Key(String name, String defaultValue, String help) {}

  static final Map<String, Key> ALL = new LinkedHashMap<>();

  /** Whether the name is a key: a listed one, or a tenant's retention ({@code retention.tenant.<tenant>.<signal>.<tier>}). */
  static boolean known(String name) {
    return ALL.containsKey(name) || name.startsWith(TierSettings.TENANT_PREFIX);
  }

  private static void key(String name, String defaultValue, String help) {
    ALL.put(name, new Key(name, defaultValue, help));
  }

  static {
    key("data.dir", "./data", "directory of the ingest log and the embedded store");
    key("listen.address", "0.0.0.0", "address the servers bind to");
    key("otlp.grpc.port", "4317", "OTLP gRPC port (0 picks a free port)");
    key("otlp.http.port", "4318", "OTLP HTTP port (0 picks a free port)");
    key("http.port", "8080", "query API, health and self-metrics port (0 picks a free port)");
    key("tenant", "default", "the operator tenant: data of requests that name no tenant, self-metrics, scrapes and socket receivers; its admins run the server");
    key("tenant.header", "X-Scope-OrgID", "request header naming the tenant (with auth off; with auth on, only operator admins may name another tenant)");
    key("limits.request.bytes", "16MiB", "largest request body, also after gzip inflation");
    key("limits.request.items", "50000", "most spans, points or log records in one request");
    key("limits.item.attributes", "128", "most attributes on one span, record, point, resource or scope");
    key("limits.attribute.value.length", "32768", "longest string or bytes attribute value");
    key("ingest.log.segment.bytes", "64MiB", "size at which a log segment file is rolled");
    key("ingest.log.queue.capacity", "8192", "appends waiting for the next group commit before 429");
    key("ingest.log.backlog.bytes", "4GiB", "unstored log bytes before ingest answers 503");
    key("node.role", "all", "what this process runs: all (one machine), ingest (receivers), worker (pipeline and storage) or query (APIs and UI)");
    key("ingest.log", "local", "the ingest log: local (segment files in data.dir) or kafka (kafka.* settings; needed by the ingest and worker roles)");
    key("kafka.bootstrap.servers", "", "Kafka brokers, host:port[,host:port...]; required with ingest.log=kafka");
    key("kafka.topic.traces", "otlp-traces", "topic of spans, keyed by trace id");
    key("kafka.topic.traces.partitions", "12", "partitions of the traces topic, created if missing");
    key("kafka.topic.metrics", "otlp-metrics", "topic of metric points, keyed by tenant and resource");
    key("kafka.topic.metrics.partitions", "8", "partitions of the metrics topic, created if missing");
    key("kafka.topic.logs", "otlp-logs", "topic of log records, keyed by tenant and resource");
    key("kafka.topic.logs.partitions", "16", "partitions of the logs topic, created if missing");
    key("kafka.replication.factor", "3", "replicas of topics Sightline creates");
    key("kafka.compression", "lz4", "producer compression: none, gzip, snappy, lz4 or zstd");
    key("kafka.delivery.timeout", "10s", "how long an append may wait for Kafka's acknowledgement before ingest answers 503");
    key("kafka.request.timeout", "5s", "timeout of one request to a broker");
    key("kafka.max.block", "1s", "how long an append may wait for topic metadata or producer buffer space");
    key("kafka.admin.timeout", "30s", "how long checking and creating topics at start may take");
    key("kafka.breaker.failures", "3", "failed appends in a row that open the circuit breaker (ingest answers 503 at once)");
    key("kafka.breaker.open.for", "5s", "how long the breaker stays open before one trial append");
    key("kafka.group.id", "sightline-workers", "consumer group of the workers");
    key("kafka.session.timeout", "10s", "how soon the group moves a silent worker's partitions to the others");
    key("kafka.worker.revocation.wait", "60s", "how long a worker losing partitions waits for the pipeline to store what it took from them");
    key("kafka.worker.queue.records", "5000", "records a worker fetches ahead of its pipeline before it pauses fetching");
    key("pipeline.batch.entries", "1000", "most log entries stored in one batch");
    key("pipeline.batch.bytes", "32MiB", "most log bytes stored in one batch");
    key("storage.memory.limit", "2GB", "memory the embedded store may use (DuckDB memory_limit)");
    key("tiers.enabled", "true", "move aging data from the hot store to warm Parquet files, cold objects and archive bundles, and delete it past retention");
    key("tiers.dir", "", "directory of warm files, the cold-file cache and restored bundles; empty: <data.dir>/tiers");
    key("tiers.interval", "5m", "how often the lifecycle moves what is due (0: only on POST /api/v1/tiers/lifecycle)");
    key("tiers.hot.budget", "0", "disk budget of the hot store: from 80% data moves early, at 100% ingest waits (0: none)");
    key("tiers.warm.budget", "0", "disk budget of warm files: beyond it the oldest move to the cold tier early (0: none)");
    key("tiers.cache.bytes", "2GiB", "local cache of cold files fetched for queries");
    key("tiers.restore.for", "7d", "how long a restored archive bundle stays readable");
    key("tiers.grace", "10m", "how long files made obsolete by a move are kept for queries still reading them");
    key("tiers.s3.endpoint", "", "S3-compatible endpoint (http[s]://host:port) of the cold tier and archive; empty: <tiers.dir>/objects");
    key("tiers.s3.bucket", "sightline", "bucket of cold files and archive bundles (created when missing)");
    key("tiers.s3.prefix", "", "key prefix inside the bucket");
    key("tiers.s3.region", "us-east-1", "region the requests are signed for");
    key("tiers.s3.access.key", "", "S3 access key id");
    key("tiers.s3.secret.key", "", "S3 secret access key (prefer the environment variable SIGHTLINE_TIERS_S3_SECRET_KEY)");
    key("tiers.s3.timeout", "60s", "timeout of one S3 request");
    for (String[] r : new String[][] {{"traces", "7d", "30d", "365d", "2555d"}, {"metrics", "1d", "7d", "90d", "730d"},
        {"logs", "3d", "30d", "365d", "2555d"}}) {
      key("retention." + r[0] + ".hot", r[1], r[0] + " younger than this stay in the hot store");
      key("retention." + r[0] + ".warm", r[2], r[0] + " younger than this are in warm files (not above hot: no warm tier)");
      key("retention." + r[0] + ".cold", r[3], r[0] + " younger than this are in the cold tier");
      key("retention." + r[0] + ".archive", r[4], r[0] + " older than this are deleted; before, they are archived");
    }
    key("storage.engine", "embedded", "where signals are stored: 'embedded' (DuckDB in data.dir) or 'clickhouse' (the server at clickhouse.url)");
    key("clickhouse.url", "http://127.0.0.1:8123", "HTTP interface of the ClickHouse server (storage.engine=clickhouse)");
    key("clickhouse.database", "sightline", "ClickHouse database of the tables, created when missing");
    key("clickhouse.user", "default", "ClickHouse user");
    key("clickhouse.password", "", "ClickHouse password; empty for none");
    key("clickhouse.insert.batch.rows", "100000", "most rows sent to ClickHouse in one INSERT");
    key("clickhouse.connect.timeout", "5s", "how long connecting to ClickHouse may take");
    key("clickhouse.query.timeout", "60s", "how long one ClickHouse request may take");
    key("clickhouse.writer", "default", "name this server's writer keeps its checkpoint and rows under in ClickHouse; servers sharing a database need different names (a Kafka worker left at 'default' takes its host name and process id)");
    key("clickhouse.breaker.failures", "3", "ClickHouse requests in a row that could not reach the server before the circuit breaker opens (requests then fail at once)");
    key("clickhouse.breaker.open.for", "5s", "how long the ClickHouse breaker stays open before one trial request");
    key("clickhouse.retention.days", "0", "days ClickHouse keeps data: by TTL from 20.1, by dropping day partitions hourly before; 0 keeps everything");
    key("cache.enabled", "true", "cache traces by id and trace search results in memory (L1), and in Redis (L2) when cache.redis.url is set");
    key("cache.l1.max.bytes", "64MiB", "most bytes of encoded traces and search results the in-process cache holds");
    key("cache.trace.ttl", "30s", "how long a node's in-process cache serves a trace by id; writes on this node drop it at once, other nodes' writes only through Redis, so this bounds their staleness");
    key("cache.search.ttl", "30s", "how long a trace search result is served from cache when its range ended over 5 minutes ago; searches reaching later are cached for 5s at most");
    key("cache.redis.url", "", "Redis shared by query nodes as the L2 cache, redis://host:port[/db]; empty for none");
    key("cache.redis.timeout", "200ms", "how long one Redis command may take before it counts as a failure");
    key("cache.redis.ttl", "10m", "how long Redis keeps a trace by id; writers delete it when spans of the trace arrive");
    key("cache.redis.breaker.failures", "5", "Redis failures in a row that open the circuit breaker: queries then skip Redis");
    key("cache.redis.breaker.cooldown", "10s", "how long the breaker stays open before one trial command (half-open)");
    key("metadata.store", "embedded", "where users, keys, roles, rules, channels, silences and dashboards live: embedded (<data.dir>/metadata.duckdb) or postgresql (shared by the nodes)");
    key("metadata.postgresql.url", "", "PostgreSQL database of the metadata, jdbc:postgresql://host[:port]/database; required with metadata.store=postgresql");
    key("metadata.postgresql.user", "sightline", "PostgreSQL user of the metadata store");
    key("metadata.postgresql.password", "", "PostgreSQL password (prefer the environment variable SIGHTLINE_METADATA_POSTGRESQL_PASSWORD)");
    key("metadata.start.timeout", "30s", "how long start-up waits for PostgreSQL to answer before it stops, naming it");
    key("metadata.refresh.interval", "2s", "how often a node reads the changes other nodes made to the metadata: the most a node's copy lags behind");
    key("statsd.enabled", "false", "receive StatsD and DogStatsD on UDP and TCP");
    key("statsd.port", "8125", "StatsD port, UDP and TCP (0 picks a free port)");
    key("statsd.flush.interval", "10s", "how often StatsD aggregates are stored");
    key("syslog.enabled", "false", "receive syslog (RFC 5424 and RFC 3164) on UDP, TCP and, with a certificate, TLS");
    key("syslog.udp.port", "5514", "syslog UDP port (0 picks a free port; 514 needs root)");
    key("syslog.tcp.port", "5514", "syslog TCP port, octet-counted or LF framing (0 picks a free port)");
    key("syslog.tls.port", "6514", "syslog TLS port (RFC 5425), listening only when syslog.tls.cert and syslog.tls.key are set (0 picks a free port)");
    key("syslog.tls.cert", "", "PEM file with the syslog TLS certificate chain; empty: no TLS listener");
    key("syslog.tls.key", "", "PEM file with the unencrypted PKCS#8 private key of syslog.tls.cert");
    key("syslog.max.message.bytes", "64KiB", "longest syslog message; longer ones are cut and kept with syslog.parse_error");
    key("syslog.max.connections", "1024", "open syslog TCP and TLS connections at most; more are refused");
    key("zipkin.enabled", "false", "receive Zipkin spans (v1 and v2 JSON, v2 proto3) on their own port");
    key("zipkin.port", "9411", "Zipkin HTTP port (0 picks a free port)");
    key("elasticsearch.enabled", "false", "accept Elasticsearch bulk requests (Logstash, Beats, Vector, Fluent Bit) on their own port");
    key("elasticsearch.port", "9200", "Elasticsearch-compatible HTTP port (0 picks a free port)");
    key("jaeger.enabled", "false", "receive Jaeger spans (gRPC PostSpans, Thrift over HTTP) and serve remote sampling strategies");
    key("jaeger.grpc.port", "14250", "Jaeger gRPC port: CollectorService and SamplingManager (0 picks a free port)");
    key("jaeger.http.port", "14268", "Jaeger HTTP port: POST /api/traces (Thrift) and GET /api/sampling (0 picks a free port)");
    key("jaeger.sampling.probability", "pipeline", "default probability served to remote samplers: 'pipeline' (the traces pipeline's head-sampling rate) or a number from 0 to 1");
    key("jaeger.sampling.lower.bound.traces.per.second", "0.0166667", "traces a second each operation is sampled at least when per-operation probabilities are served");
    key("fluent.enabled", "false", "receive the Fluent Forward protocol (Fluentd, Fluent Bit) on TCP, with heartbeats on UDP");
    key("fluent.port", "24224", "Fluent Forward port, TCP and UDP (0 picks a free port)");
    key("fluent.max.message.bytes", "16MiB", "largest Forward message, also after gzip inflation; a larger one closes the connection");
    key("fluent.max.connections", "1024", "Fluent Forward connections open at once; more are closed on accept");
    key("fluent.read.timeout", "2m", "how long a Fluent Forward connection may stay silent before it is closed");
    key("fluent.shared.key", "", "shared key Fluent Forward clients must prove in the HELO/PING/PONG handshake (empty: no handshake)");
    key("loki.enabled", "true", "accept the Loki push API at POST /loki/api/v1/push on the API port");
    key("loki.query.max.scanned", "200000", "most log records one LogQL query (Loki query API) reads; answers that stopped there say so");
    key("scrape.interval", "1m", "how often scrape_configs jobs scrape when they do not say (Prometheus's global scrape_interval)");
    key("scrape.timeout", "10s", "scrape timeout when a job does not say, capped by its interval");
    key("metrics.out.of.order.window", "1h", "how far behind a series' newest sample a late sample is still stored");
    key("metrics.rollup.interval", "1m", "how often 5-minute and 1-hour rollups of samples are computed (0 turns them off)");
    key("promql.lookback.delta", "5m", "how far back PromQL looks for the latest sample of a series");
    key("promql.query.timeout", "2m", "longest a PromQL query may run");
    key("promql.max.samples", "50000000", "most samples one PromQL query may load");
    key("promql.max.series", "1000000", "most series one selector of a PromQL query may select");
    key("promql.rollup.min.range", "7d", "range queries at least this long may read rollups in rate, increase and *_over_time (0: never)");
    key("alerting.enabled", "true", "evaluate alerting and recording rules");
    key("alerting.rules.dir", "", "directory of rule files (*.yml, *.yaml) in the Prometheus format, re-read when they change");
    key("alerting.evaluation.interval", "1m", "how often a rule group is evaluated when it does not say (its 'interval')");
    key("alerting.default.rules.enabled", "true", "keep the built-in rules (host CPU, service availability, ingest refusals) in force");
    key("alerting.rules.reload.interval", "10s", "how often rule files are checked for changes");
    key("alerting.external.url", "", "the URL users reach Sightline at, for links in notifications (default: the API port on this host)");
    key("self.metrics.interval", "15s", "how often Sightline stores its own /metrics as job=\"sightline\" (0 turns it off)");
    key("auth.enabled", "false", "require an API key on every endpoint but health probes (off: anyone who reaches a port may read and write)");
    key("auth.admin.key", "", "a static admin key for the first start (set it through SIGHTLINE_AUTH_ADMIN_KEY); create keys, then remove it");
    key("auth.oidc.issuer", "", "accept OIDC/OAuth2 bearer JWTs from this issuer (exact 'iss'); empty: no tokens");
    key("auth.oidc.audience", "", "the 'aud' tokens must carry, e.g. the client id");
    key("auth.oidc.jwks.uri", "", "the issuer's JWKS URL, whose keys sign the tokens");
    key("auth.oidc.roles.claim", "roles", "claim holding the roles (array or space/comma separated; dotted path for nested claims)");
    key("auth.oidc.tenant.claim", "tenant", "claim holding the tenant");
    key("auth.oidc.clock.skew", "60s", "tolerance on exp, nbf and iat");
    key("auth.oidc.client.id", "", "web UI login (authorization code + PKCE) as this client of the issuer; empty: no UI login");
    key("auth.oidc.client.secret", "", "the client's secret, for confidential clients (env SIGHTLINE_AUTH_OIDC_CLIENT_SECRET)");
    key("auth.oidc.redirect.uri", "", "this server's /auth/callback as registered at the issuer, e.g. https://sightline.example.com/auth/callback");
    key("auth.oidc.authorization.endpoint", "", "the issuer's authorization endpoint; empty: from its discovery document");
    key("auth.oidc.token.endpoint", "", "the issuer's token endpoint; empty: from its discovery document");
    key("auth.oidc.scopes", "openid profile email", "scopes asked for at login");
    key("auth.session.ttl", "12h", "the longest a web UI session lasts");
    key("audit.hmac.key.file", "", "file with a base64 key (32+ bytes) that keys the audit log's hash chain, so that whoever can write the log cannot rebuild the chain");
    key("limits.rate.requests.per.second", "0", "requests a second each key, token, certificate (or client address, without auth) may make; 0: no limit");
    key("limits.rate.ingest.bytes.per.second", "0", "request bytes a second each of them may send to ingest endpoints; 0: no limit");
    key("limits.rate.ingest.items.per.second", "0", "spans, points and log records a second each of them may ingest; 0: no limit");
    key("limits.rate.concurrent.queries", "0", "queries each of them may run at once; 0: no limit");
    key("limits.tenant.requests.per.second", "0", "requests a second all callers of one tenant may make together; 0: no limit");
    key("limits.tenant.ingest.bytes.per.second", "0", "request bytes a second one tenant may send to ingest endpoints; 0: no limit");
    key("limits.tenant.ingest.items.per.second", "0", "spans, points and log records a second one tenant may ingest, over every receiver; 0: no limit");
    key("limits.tenant.concurrent.queries", "0", "queries one tenant may run at once; 0: no limit");
    key("tls.cert", "", "PEM certificate chain: every HTTP and gRPC listener then speaks TLS only");
    key("tls.key", "", "PEM private key (PKCS#8) of tls.cert");
    key("tls.protocols", "TLSv1.3", "TLS versions the listeners accept, comma-separated (TLSv1.3, TLSv1.2)");
    key("tls.reload.interval", "1m", "how often tls.cert and tls.key are read again, so renewed certificates apply without a restart");
    key("tls.client.ca", "", "PEM certificates of the CAs whose client certificates are required (mutual TLS); empty: none asked");
    key("auth.mtls.roles", "", "roles of client certificates by subject common name, e.g. 'collector=operator,grafana=viewer'");
    key("api.decrypt.enabled", "false", "serve POST /api/v1/fields/decrypt for values a classify processor encrypted");
    key("api.rerun.enabled", "false", "serve POST /api/v1/pipelines/rerun, which changes stored data");
    key("encryption.enabled", "false", "encrypt the ingest log and the embedded store at rest (AES-256-GCM) under data keys wrapped by a master key");
    key("encryption.master.key.file", "", "file of master keys, newest first: <id>:<base64 of 32 bytes> per line (or set SIGHTLINE_MASTER_KEY)");
    key("encryption.store.unsafe.builtin.crypto", "false", "without DuckDB's httpfs extension (OpenSSL), encrypt the store with DuckDB's built-in crypto, which DuckDB calls unsafe (trials only)");
    key("shutdown.timeout", "30s", "time to store what was accepted before the process exits");
  }
}
