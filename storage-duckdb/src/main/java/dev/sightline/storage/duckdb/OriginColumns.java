package dev.sightline.storage.duckdb;

import dev.sightline.otlp.AnyValueJson;
import dev.sightline.storage.Scoped;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The resource and scope columns every read query selects last, joined from {@code resources r}
 * and {@code scopes c}; decoded once per distinct pair within one query.
 */
final class OriginColumns {
  static final String SELECT = "r.id, r.attributes, r.dropped, r.schema_url, c.id, c.name, "
      + "c.version, c.attributes, c.dropped, c.schema_url";
  static final String JOIN = "JOIN resources r ON r.id = %1$s.resource_id "
      + "JOIN scopes c ON c.id = %1$s.scope_id";
  private final Map<String, Scoped> decoded = new HashMap<>();

  static String join(String alias) {
    return String.format(JOIN, alias);
  }

  Scoped read(ResultSet rs, int first) throws SQLException {
    String key = rs.getLong(first) + "/" + rs.getLong(first + 4);
    Scoped known = decoded.get(key);
    if (known != null) {
      return known;
    }
    Resource resource = Resource.newBuilder()
        .addAllAttributes(AnyValueJson.parseAttributes(rs.getString(first + 1)))
        .setDroppedAttributesCount(rs.getInt(first + 2))
        .build();
    InstrumentationScope scope = InstrumentationScope.newBuilder()
        .setName(rs.getString(first + 5))
        .setVersion(rs.getString(first + 6))
        .addAllAttributes(AnyValueJson.parseAttributes(rs.getString(first + 7)))
        .setDroppedAttributesCount(rs.getInt(first + 8))
        .build();
    Scoped scoped = new Scoped(resource, rs.getString(first + 3), scope, rs.getString(first + 9));
    decoded.put(key, scoped);
    return scoped;
  }
}
