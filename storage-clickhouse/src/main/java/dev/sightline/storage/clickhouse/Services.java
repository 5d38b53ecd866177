package dev.sightline.storage.clickhouse;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/** The service column: {@code service.name} of the resource, as the embedded store takes it. */
final class Services {
  private Services() {}

  static String of(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals("service.name") && kv.getValue().hasStringValue()) {
        return kv.getValue().getStringValue();
      }
    }
    return "unknown_service";
  }
}
