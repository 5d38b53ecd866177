package dev.sightline.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The attribute parts of {@link RequestLimits}: how many attributes one owner may carry and how
 * long a string (in code points) or bytes value may be, also inside arrays and kvlists.
 */
final class AttributeLimits {
  private final int maxAttributes;
  private final int maxValueLength;

  AttributeLimits(RequestLimits limits) {
    this.maxAttributes = limits.maxAttributesPerItem();
    this.maxValueLength = limits.maxAttributeValueLength();
  }

  /** The first problem with these attributes, or null when they are within the limits. */
  @Nullable String check(List<KeyValue> attributes) {
    if (attributes.size() > maxAttributes) {
      return attributes.size() + " attributes, more than the limit of " + maxAttributes;
    }
    for (KeyValue attribute : attributes) {
      String tooLong = tooLong(attribute.getValue());
      if (tooLong != null) {
        return "attribute " + Quoted.of(attribute.getKey()) + " " + tooLong;
      }
    }
    return null;
  }

  /** How the value, or a value nested in it, exceeds the length limit, or null. */
  @Nullable String tooLong(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> {
        String s = value.getStringValue();
        if (s.length() > maxValueLength) {
          int codePoints = s.codePointCount(0, s.length());
          if (codePoints > maxValueLength) {
            return "holds a string of " + codePoints + " characters, more than the limit of " + maxValueLength;
          }
        }
      }
      case BYTES_VALUE -> {
        if (value.getBytesValue().size() > maxValueLength) {
          return "holds " + value.getBytesValue().size() + " bytes, more than the limit of " + maxValueLength;
        }
      }
      case ARRAY_VALUE -> {
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          String tooLong = tooLong(element);
          if (tooLong != null) {
            return tooLong;
          }
        }
      }
      case KVLIST_VALUE -> {
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          String tooLong = tooLong(entry.getValue());
          if (tooLong != null) {
            return tooLong;
          }
        }
      }
      default -> {}
    }
    return null;
  }
}
