/**
 * Storage on ClickHouse over its HTTP interface: MergeTree tables partitioned by day, one row per
 * span, log record and metric point, inserted in batches as RowBinary. Works with current servers
 * and with Debian's 18.16, choosing column codecs, TTL and skipping indexes by server version.
 * See docs/adr/0013-clickhouse-storage.md.
 */
@NullMarked
package dev.sightline.storage.clickhouse;

import org.jspecify.annotations.NullMarked;
