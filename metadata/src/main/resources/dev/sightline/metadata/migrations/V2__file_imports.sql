-- Which files of an older data directory (keys.json, silences.json, dashboards, API rule files)
-- were imported, so the import happens once even when the files stay.
CREATE TABLE file_imports (
  name VARCHAR(200) PRIMARY KEY,
  imported_at VARCHAR(40) NOT NULL,
  items BIGINT NOT NULL
);
