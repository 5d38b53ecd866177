package dev.sightline.pipeline.processor;

import dev.sightline.security.Masks;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One transformation of an attribute list: insert (only when absent), upsert, update (only when
 * present), rename, delete, hash or truncate, on the attribute named {@code key} or on every
 * attribute whose key matches {@code pattern}.
 */
record AttributeAction(Kind kind, @Nullable String key, @Nullable Pattern pattern,
    @Nullable AnyValue value, @Nullable String to, int length, byte[] salt) {

  enum Kind { INSERT, UPSERT, UPDATE, RENAME, DELETE, HASH, TRUNCATE }

  static AttributeAction parse(Settings s) {
    s.allowOnly("action", "key", "pattern", "value", "to", "length", "salt");
    Kind kind;
    try {
      kind = Kind.valueOf(s.string("action").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.fail("action", "'" + s.string("action") + "' is not one of insert, upsert, update, rename, delete, hash, truncate");
    }
    String key = s.has("key") ? s.string("key") : null;
    Pattern pattern = s.pattern("pattern");
    if ((key == null) == (pattern == null)) {
      throw s.fail("give either key (an exact attribute key) or pattern (a regular expression over keys)");
    }
    if ((kind == Kind.INSERT || kind == Kind.UPSERT || kind == Kind.RENAME) && key == null) {
      throw s.fail("key", kind.name().toLowerCase(Locale.ROOT) + " needs an exact key, not a pattern");
    }
    AnyValue value = null;
    if (kind == Kind.INSERT || kind == Kind.UPSERT || kind == Kind.UPDATE) {
      if (!s.has("value")) {
        throw s.fail("value", "required for " + kind.name().toLowerCase(Locale.ROOT));
      }
      value = AnyValue.newBuilder().setStringValue(s.string("value")).build();
    }
    String to = kind == Kind.RENAME ? s.string("to") : null;
    int length = kind == Kind.TRUNCATE ? (int) s.number("length", -1, 0, Integer.MAX_VALUE) : 0;
    if (kind == Kind.TRUNCATE && length < 0) {
      throw s.fail("length", "required for truncate: the most characters to keep");
    }
    byte[] salt = s.string("salt", "sightline").getBytes(StandardCharsets.UTF_8);
    return new AttributeAction(kind, key, pattern, value, to, length, salt);
  }

  private boolean matches(String attributeKey) {
    return key != null ? key.equals(attributeKey) : pattern.matcher(attributeKey).find();
  }

  /** The list after this action; the same instance when nothing changed. */
  List<KeyValue> apply(List<KeyValue> attributes) {
    return switch (kind) {
      case INSERT -> indexOf(attributes, key) >= 0 ? attributes : with(attributes, KeyValue.newBuilder().setKey(key).setValue(value).build());
      case UPSERT -> {
        int i = indexOf(attributes, key);
        KeyValue kv = KeyValue.newBuilder().setKey(key).setValue(value).build();
        if (i < 0) {
          yield with(attributes, kv);
        }
        List<KeyValue> out = new ArrayList<>(attributes);
        out.set(i, kv);
        yield out;
      }
      default -> each(attributes);
    };
  }

  private List<KeyValue> each(List<KeyValue> attributes) {
    if (kind == Kind.RENAME) {
      return rename(attributes);
    }
    List<KeyValue> out = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      KeyValue changed = !matches(kv.getKey()) ? kv : switch (kind) {
        case UPDATE -> kv.toBuilder().setValue(value).build();
        case DELETE -> null;
        case HASH -> kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(Masks.hash(text(kv.getValue()), salt))).build();
        case TRUNCATE -> truncate(kv);
        default -> kv;
      };
      if (changed != kv && out == null) {
        out = new ArrayList<>(attributes.subList(0, i));
      }
      if (out != null && changed != null) {
        out.add(changed);
      }
    }
    return out == null ? attributes : out;
  }

  /** Renames in place; an attribute already under the new key gives way, as with upsert. */
  private List<KeyValue> rename(List<KeyValue> attributes) {
    int from = indexOf(attributes, key);
    if (from < 0 || key.equals(to)) {
      return attributes;
    }
    List<KeyValue> out = new ArrayList<>(attributes.size());
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      if (i == from) {
        out.add(kv.toBuilder().setKey(to).build());
      } else if (!kv.getKey().equals(to)) {
        out.add(kv);
      }
    }
    return out;
  }

  private KeyValue truncate(KeyValue kv) {
    AnyValue v = kv.getValue();
    if (!v.hasStringValue() || v.getStringValue().codePointCount(0, v.getStringValue().length()) <= length) {
      return kv;
    }
    String s = v.getStringValue();
    return kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(s.substring(0, s.offsetByCodePoints(0, length)))).build();
  }

  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case BYTES_VALUE -> java.util.HexFormat.of().formatHex(v.getBytesValue().toByteArray());
      default -> v.toString();
    };
  }

  static int indexOf(List<KeyValue> attributes, String key) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.get(i).getKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static List<KeyValue> with(List<KeyValue> attributes, KeyValue added) {
    List<KeyValue> out = new ArrayList<>(attributes.size() + 1);
    out.addAll(attributes);
    out.add(added);
    return out;
  }
}
