/**
 * The metadata of a Sightline installation (users, API keys, roles, rule files, notification
 * channels, silences and dashboards) behind one small SPI, {@link MetadataStore}, with a JDBC
 * implementation on two databases: an embedded DuckDB file in the data directory (the default) and
 * PostgreSQL, which several nodes share. Both get their tables from the same versioned migrations
 * ({@code migrations/V<n>__<name>.sql}), applied in order by {@link Migrator}. {@link Replica} keeps
 * an in-memory copy of one kind that a node reads from, refreshed when another node changed it.
 */
@NullMarked
package dev.sightline.metadata;

import org.jspecify.annotations.NullMarked;
