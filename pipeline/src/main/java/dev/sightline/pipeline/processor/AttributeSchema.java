package dev.sightline.pipeline.processor;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What one service's span and log attributes must look like: required keys, types, allowed values. */
record AttributeSchema(Map<String, Rule> rules, OnViolation onViolation) {

  enum OnViolation { REJECT, DROP_ATTRIBUTE, TAG }

  enum Type { STRING, INT, DOUBLE, BOOL, ANY }

  record Rule(boolean required, Type type, Set<String> values) {}

  /** One violation: the reason (as counted) and the attribute key. */
  record Violation(String reason, String key) {}

  static AttributeSchema parse(Settings s) {
    s.allowOnly("on_violation", "attributes");
    OnViolation on;
    try {
      on = OnViolation.valueOf(s.string("on_violation", "tag").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.fail("on_violation", "'" + s.string("on_violation") + "' is not one of reject, drop_attribute, tag");
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    Settings attributes = s.map("attributes");
    for (String key : attributes.keys()) {
      Settings r = attributes.map(key).allowOnly("required", "type", "values");
      Type type;
      try {
        type = Type.valueOf(r.string("type", "any").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw r.fail("type", "'" + r.string("type") + "' is not one of string, int, double, bool, any");
      }
      rules.put(key, new Rule(r.bool("required", false), type, Set.copyOf(r.strings("values"))));
    }
    if (rules.isEmpty()) {
      throw s.fail("attributes", "a service schema needs at least one attribute rule");
    }
    return new AttributeSchema(rules, on);
  }

  List<Violation> check(List<KeyValue> attributes) {
    List<Violation> out = new ArrayList<>();
    rules.forEach((key, rule) -> {
      KeyValue kv = find(attributes, key);
      if (kv == null) {
        if (rule.required()) {
          out.add(new Violation("missing_required", key));
        }
        return;
      }
      if (!hasType(kv.getValue(), rule.type())) {
        out.add(new Violation("wrong_type", key));
      } else if (!rule.values().isEmpty() && !rule.values().contains(AttributeAction.text(kv.getValue()))) {
        out.add(new Violation("value_not_allowed", key));
      }
    });
    return out;
  }

  private static boolean hasType(AnyValue v, Type type) {
    return switch (type) {
      case STRING -> v.hasStringValue();
      case INT -> v.hasIntValue();
      case DOUBLE -> v.hasDoubleValue();
      case BOOL -> v.hasBoolValue();
      case ANY -> true;
    };
  }

  private static KeyValue find(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        return kv;
      }
    }
    return null;
  }
}
