package dev.sightline.storage.clickhouse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StorageException;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code origin} column: resource and scope with their schema URLs, encoded as a ResourceSpans
 * with one empty ScopeSpans whatever the signal. Repeated in every row of a batch, it compresses
 * to almost nothing in a column sorted by service; decoded once per distinct value within a query.
 */
final class Origins {
  private final Map<ByteString, Scoped> decoded = new HashMap<>();

  static ByteString encode(Resource resource, String schemaUrl, InstrumentationScope scope,
      String scopeSchemaUrl) {
    return ResourceSpans.newBuilder().setResource(resource).setSchemaUrl(schemaUrl)
        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope).setSchemaUrl(scopeSchemaUrl))
        .build().toByteString();
  }

  Scoped decode(ByteString origin) {
    Scoped known = decoded.get(origin);
    if (known != null) {
      return known;
    }
    try {
      ResourceSpans rs = ResourceSpans.parseFrom(origin);
      ScopeSpans ss = rs.getScopeSpans(0);
      Scoped scoped = new Scoped(rs.getResource(), rs.getSchemaUrl(), ss.getScope(), ss.getSchemaUrl());
      decoded.put(origin, scoped);
      return scoped;
    } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
      throw new StorageException("a stored resource and scope are corrupt: " + e.getMessage(), e);
    }
  }
}
