package dev.sightline.storage.duckdb;

import com.google.protobuf.Message;
import dev.sightline.otlp.AnyValueJson;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Resources and scopes, stored once each under an id that is a hash of their content, so that
 * rows refer to them by a number. Used by the single writer thread only.
 */
final class Origins {
  private final Set<Long> known = new HashSet<>();
  private final Set<Long> pending = new HashSet<>();
  /** Ids of recently seen resources and scopes by content: equality is cheaper than hashing bytes. */
  private final Map<Object, Long> recent = new HashMap<>();
  private static final int MAX_RECENT = 4096;
  private final DuckDBAppender resources;
  private final DuckDBAppender scopes;

  Origins(DuckDBConnection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String table : new String[] {"resources", "scopes"}) {
        try (ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
          while (rs.next()) {
            known.add(rs.getLong(1));
          }
        }
      }
    }
    resources = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "resources");
    scopes = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "scopes");
  }

  private record Key(Object origin, String schemaUrl) {}

  private long idOf(char kind, Message origin, String schemaUrl) {
    Key key = new Key(origin, schemaUrl);
    Long id = recent.get(key);
    if (id == null) {
      if (recent.size() >= MAX_RECENT) {
        recent.clear();
      }
      id = hash(kind, origin.toByteArray(), schemaUrl);
      recent.put(key, id);
    }
    return id;
  }

  long resource(Resource resource, String schemaUrl) throws SQLException {
    long id = idOf('r', resource, schemaUrl);
    if (known.contains(id) || !pending.add(id)) {
      return id;
    }
    resources.beginRow();
    resources.append(id);
    resources.append(AnyValueJson.attributes(resource.getAttributesList()));
    resources.append(resource.getDroppedAttributesCount());
    resources.append(schemaUrl);
    resources.endRow();
    return id;
  }

  long scope(InstrumentationScope scope, String schemaUrl) throws SQLException {
    long id = idOf('s', scope, schemaUrl);
    if (known.contains(id) || !pending.add(id)) {
      return id;
    }
    scopes.beginRow();
    scopes.append(id);
    scopes.append(scope.getName());
    scopes.append(scope.getVersion());
    scopes.append(AnyValueJson.attributes(scope.getAttributesList()));
    scopes.append(scope.getDroppedAttributesCount());
    scopes.append(schemaUrl);
    scopes.endRow();
    return id;
  }

  /** Commits new resources and scopes; called before the rows that refer to them. */
  void flush() throws SQLException {
    resources.flush();
    scopes.flush();
    known.addAll(pending);
    pending.clear();
  }

  void close() throws SQLException {
    resources.close();
    scopes.close();
  }

  static String serviceName(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        return kv.getValue().getStringValue();
      }
    }
    return "unknown_service";
  }

  static long hash(char kind, byte[] content, String extra) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((byte) kind);
      digest.update(content);
      digest.update(extra.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
