/**
 * The embedded default store on DuckDB: one database file in the data directory, a row per span,
 * log record and metric point, resources and scopes kept once each. See docs/adr/0001. The file
 * may be encrypted by DuckDB itself ({@link StoreEncryption}).
 */
@NullMarked
package dev.sightline.storage.duckdb;

import org.jspecify.annotations.NullMarked;
