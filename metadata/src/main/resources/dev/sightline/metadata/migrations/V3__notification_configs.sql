-- The notification configuration set through the API (routes, receivers, inhibit rules), which
-- replaces the configuration file's section on every node sharing the store. One row, 'api'.
CREATE TABLE notification_configs (
  name VARCHAR(40) PRIMARY KEY,
  section TEXT NOT NULL,
  updated_at VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL
);

INSERT INTO metadata_revisions (kind, revision) VALUES ('notification_configs', 0);
