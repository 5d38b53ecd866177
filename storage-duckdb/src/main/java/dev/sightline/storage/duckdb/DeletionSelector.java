package dev.sightline.storage.duckdb;

import dev.sightline.storage.AttributeFilter;
import dev.sightline.storage.DeletionRequest;

/**
 * The rows of a tiered table a deletion selects, as a SQL condition over the alias {@code t} with
 * its values written in (the Parquet rewrites run as {@code COPY}, which takes no parameters).
 * Prometheus samples are selected by series: the service is the {@code job} label, an attribute
 * the label of its name or of its name with dots as underscores; whole chunks overlapping the range go.
 */
final class DeletionSelector {
  private DeletionSelector() {}

  static String condition(TieredTable table, DeletionRequest r) {
    String tenant = ParquetFiles.literal(r.tenant());
    long from = r.range().startNanos();
    long to = r.range().endNanos();
    StringBuilder c = new StringBuilder("t.tenant = ").append(tenant);
    if (table == TieredTable.CHUNKS) {
      c.append(" AND t.max_t >= ").append(from / 1_000_000L).append(" AND t.min_t <= ").append(to / 1_000_000L);
      if (r.service() == null && r.attributes().isEmpty()) {
        return c.toString();
      }
      c.append(" AND t.series_id IN (SELECT series_id FROM series WHERE tenant = ").append(tenant);
      if (r.service() != null) {
        c.append(" AND json_extract_string(labels, '$.job') = ").append(ParquetFiles.literal(r.service()));
      }
      for (AttributeFilter f : r.attributes()) {
        c.append(" AND coalesce(json_extract_string(labels, ").append(path(f.key())).append("), json_extract_string(labels, ")
            .append(path(f.key().replace('.', '_'))).append(")) = ").append(ParquetFiles.literal(f.value()));
      }
      return c.append(')').toString();
    }
    String time = switch (table) {
      case SPANS -> "t.start_ns";
      case LOGS -> "t.ts";
      default -> "t.time_ns";
    };
    c.append(" AND ").append(time).append(" BETWEEN ").append(from).append(" AND ").append(to);
    if (r.service() != null) {
      c.append(" AND t.service = ").append(ParquetFiles.literal(r.service()));
    }
    for (AttributeFilter f : r.attributes()) {
      String value = ParquetFiles.literal(f.value());
      c.append(" AND (json_extract_string(t.attributes, ").append(path(f.key())).append(") = ").append(value)
          .append(" OR t.resource_id IN (SELECT id FROM resources WHERE json_extract_string(attributes, ")
          .append(path(f.key())).append(") = ").append(value).append("))");
    }
    return c.toString();
  }

  private static String path(String key) {
    return ParquetFiles.literal(Where.jsonPath(key));
  }
}
