package dev.sightline.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What the OTLP/JSON codec needs to know about a message type: its fields by JSON key (the
 * lowerCamelCase name and the proto name, as protobuf JSON parsers accept both) and whether a
 * trace or span id field lies anywhere beneath it, so that walks can skip attribute subtrees.
 */
final class ProtoFields {
  private static final Set<String> ID_NAMES = Set.of("trace_id", "span_id", "parent_span_id");
  private static final ConcurrentMap<Descriptor, Facts> FACTS = new ConcurrentHashMap<>();

  private record Facts(Map<String, FieldDescriptor> byKey, boolean holdsIds) {}

  private ProtoFields() {}

  static @Nullable FieldDescriptor byKey(Descriptor type, String key) {
    return facts(type).byKey().get(key);
  }

  static boolean holdsIds(Descriptor type) {
    return facts(type).holdsIds();
  }

  /** OTLP/JSON writes these bytes fields as hex, every other bytes field as base64. */
  static boolean isId(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.BYTES && !field.isRepeated()
        && ID_NAMES.contains(field.getName());
  }

  static boolean isMessage(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
  }

  private static Facts facts(Descriptor type) {
    Facts facts = FACTS.get(type);
    if (facts == null) {
      Map<String, FieldDescriptor> byKey = new HashMap<>();
      for (FieldDescriptor field : type.getFields()) {
        byKey.put(field.getName(), field);
        byKey.put(field.getJsonName(), field);
      }
      facts = new Facts(Map.copyOf(byKey), reachesId(type, new HashSet<>()));
      FACTS.putIfAbsent(type, facts);
    }
    return facts;
  }

  private static boolean reachesId(Descriptor type, Set<Descriptor> seen) {
    if (!seen.add(type)) {
      return false;
    }
    for (FieldDescriptor field : type.getFields()) {
      if (isId(field) || isMessage(field) && reachesId(field.getMessageType(), seen)) {
        return true;
      }
    }
    return false;
  }
}
