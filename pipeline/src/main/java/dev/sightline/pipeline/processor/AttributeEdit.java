package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * A change to attribute lists and log bodies. Returning the very list (or value) it was given
 * means "unchanged", which lets {@link OtlpEditor} keep untouched messages as they are.
 */
public interface AttributeEdit {

  List<KeyValue> attributes(AttributeSite site, String service, List<KeyValue> attributes);

  default AnyValue logBody(String service, AnyValue body) {
    return body;
  }
}
