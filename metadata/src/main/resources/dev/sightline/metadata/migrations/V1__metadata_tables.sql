-- The seven kinds of metadata. Written in the SQL that both DuckDB and PostgreSQL accept:
-- VARCHAR, TEXT and BIGINT only; times are ISO-8601 UTC text; lists and settings are JSON text.
-- Every row has a version, raised by each change, for optimistic concurrency.

CREATE TABLE metadata_revisions (
  kind VARCHAR(40) PRIMARY KEY,
  revision BIGINT NOT NULL
);

INSERT INTO metadata_revisions (kind, revision) VALUES
  ('users', 0), ('api_keys', 0), ('roles', 0), ('rules', 0), ('channels', 0), ('silences', 0), ('dashboards', 0);

-- Principals named by the configuration: client certificates by common name, with their role.
CREATE TABLE users (
  name VARCHAR(200) PRIMARY KEY,
  user_kind VARCHAR(40) NOT NULL,
  tenant VARCHAR(200) NOT NULL,
  role_name VARCHAR(100) NOT NULL,
  source VARCHAR(20) NOT NULL,
  version BIGINT NOT NULL
);

-- Only the SHA-256 of a key's secret is kept.
CREATE TABLE api_keys (
  id VARCHAR(32) PRIMARY KEY,
  name TEXT NOT NULL,
  tenant VARCHAR(200) NOT NULL,
  role_name VARCHAR(100) NOT NULL,
  secret_sha256 VARCHAR(64) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  revoked_at VARCHAR(40),
  version BIGINT NOT NULL
);

-- Custom roles; grants as a JSON list.
CREATE TABLE roles (
  name VARCHAR(100) PRIMARY KEY,
  grants TEXT NOT NULL,
  source VARCHAR(20) NOT NULL,
  version BIGINT NOT NULL
);

-- Rule files created through the API; tenant '' is the operator tenant.
CREATE TABLE rules (
  tenant VARCHAR(200) NOT NULL,
  name VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
);

-- Notification receivers; their settings as JSON.
CREATE TABLE channels (
  name VARCHAR(200) PRIMARY KEY,
  channel_types VARCHAR(200) NOT NULL,
  settings TEXT NOT NULL,
  source VARCHAR(20) NOT NULL,
  version BIGINT NOT NULL
);

-- Matchers as a JSON list of 'name=value' texts.
CREATE TABLE silences (
  id VARCHAR(64) PRIMARY KEY,
  matchers TEXT NOT NULL,
  starts_at VARCHAR(40) NOT NULL,
  ends_at VARCHAR(40) NOT NULL,
  created_by TEXT NOT NULL,
  comment_text TEXT NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL
);

-- A dashboard's variables and panels as JSON.
CREATE TABLE dashboards (
  tenant VARCHAR(200) NOT NULL,
  id VARCHAR(32) NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);
