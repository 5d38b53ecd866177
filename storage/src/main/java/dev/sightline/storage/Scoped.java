package dev.sightline.storage;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/** The resource and instrumentation scope an item was sent under, with their schema URLs. */
public record Scoped(
    Resource resource, String resourceSchemaUrl, InstrumentationScope scope, String scopeSchemaUrl) {
  public Scoped {
    requireNonNull(resource, "resource");
    requireNonNull(resourceSchemaUrl, "resourceSchemaUrl");
    requireNonNull(scope, "scope");
    requireNonNull(scopeSchemaUrl, "scopeSchemaUrl");
  }
}
