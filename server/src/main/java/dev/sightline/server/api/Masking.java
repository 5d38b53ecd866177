package dev.sightline.server.api;

import dev.sightline.security.Classifier;
import dev.sightline.security.DataClass;
import dev.sightline.security.Masks;
import dev.sightline.storage.Scoped;
import dev.sightline.storage.StoredLog;
import dev.sightline.storage.StoredSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one caller sees of classified values: values of a class the caller may not read
 * ({@code read:personal}, {@code read:confidential}, {@code read:restricted}) are masked as the
 * pipeline masks them; the classes shown unmasked are remembered, so that reading restricted data
 * can be audited. One instance serves one request; not thread-safe.
 */
public final class Masking {
  public static final Masking NONE = new Masking(List.of(), EnumSet.noneOf(DataClass.class));
  private final List<Classifier> classifiers;
  private final Set<DataClass> hidden;
  private final Set<DataClass> revealed = EnumSet.noneOf(DataClass.class);
  private final java.util.Map<Scoped, Scoped> origins = new java.util.HashMap<>();

  Masking(List<Classifier> classifiers, Set<DataClass> hidden) {
    this.classifiers = classifiers;
    this.hidden = hidden.isEmpty() ? EnumSet.noneOf(DataClass.class) : EnumSet.copyOf(hidden);
  }

  /** The classes of values this request showed unmasked. */
  public Set<DataClass> revealed() {
    return Set.copyOf(revealed);
  }

  StoredSpan span(StoredSpan stored) {
    if (classifiers.isEmpty()) {
      return stored;
    }
    Span s = stored.span();
    Span.Builder b = null;
    List<KeyValue> attributes = attributes(s.getAttributesList());
    if (attributes != s.getAttributesList()) {
      b = s.toBuilder().clearAttributes().addAllAttributes(attributes);
    }
    for (int i = 0; i < s.getEventsCount(); i++) {
      List<KeyValue> a = attributes(s.getEvents(i).getAttributesList());
      if (a != s.getEvents(i).getAttributesList()) {
        b = b == null ? s.toBuilder() : b;
        b.setEvents(i, s.getEvents(i).toBuilder().clearAttributes().addAllAttributes(a));
      }
    }
    for (int i = 0; i < s.getLinksCount(); i++) {
      List<KeyValue> a = attributes(s.getLinks(i).getAttributesList());
      if (a != s.getLinks(i).getAttributesList()) {
        b = b == null ? s.toBuilder() : b;
        b.setLinks(i, s.getLinks(i).toBuilder().clearAttributes().addAllAttributes(a));
      }
    }
    Scoped origin = origin(stored.origin());
    return b == null && origin == stored.origin() ? stored : new StoredSpan(origin, b == null ? s : b.build());
  }

  StoredLog log(StoredLog stored) {
    if (classifiers.isEmpty()) {
      return stored;
    }
    LogRecord r = stored.record();
    LogRecord.Builder b = r.toBuilder().clearAttributes().addAllAttributes(attributes(r.getAttributesList()));
    if (r.getBody().hasStringValue()) {
      b.setBody(AnyValue.newBuilder().setStringValue(text(r.getBody().getStringValue())));
    }
    return new StoredLog(origin(stored.origin()), b.build());
  }

  /** A log line as text, its sensitive parts masked when their class is hidden from the caller. */
  public String line(String text) {
    return classifiers.isEmpty() ? text : text(text);
  }

  /** A metric label's value, masked when its class is hidden from the caller. */
  public String labelValue(String name, String value) {
    return classifiers.isEmpty() ? value : value(name, value);
  }

  /** The resource and scope, masked once per answer: a trace's spans mostly share them. */
  private Scoped origin(Scoped o) {
    return origins.computeIfAbsent(o, this::maskOrigin);
  }

  private Scoped maskOrigin(Scoped o) {
    List<KeyValue> resource = attributes(o.resource().getAttributesList());
    List<KeyValue> scope = attributes(o.scope().getAttributesList());
    if (resource == o.resource().getAttributesList() && scope == o.scope().getAttributesList()) {
      return o;
    }
    return new Scoped(o.resource().toBuilder().clearAttributes().addAllAttributes(resource).build(), o.resourceSchemaUrl(),
        o.scope().toBuilder().clearAttributes().addAllAttributes(scope).build(), o.scopeSchemaUrl());
  }

  /** The attributes with hidden values masked; the same list when nothing is. */
  private List<KeyValue> attributes(List<KeyValue> in) {
    List<KeyValue> out = null;
    for (int i = 0; i < in.size(); i++) {
      KeyValue kv = in.get(i);
      AnyValue v = kv.getValue();
      String text = switch (v.getValueCase()) {
        case STRING_VALUE -> v.getStringValue();
        case INT_VALUE -> Long.toString(v.getIntValue());
        default -> null;
      };
      String shown = text == null ? null : value(kv.getKey(), text);
      if (shown != null && !shown.equals(text)) {
        out = out == null ? new ArrayList<>(in.subList(0, i)) : out;
        out.add(kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(shown)).build());
      } else if (out != null) {
        out.add(kv);
      }
    }
    return out == null ? in : out;
  }

  private String value(String key, String text) {
    DataClass c = null;
    boolean byKey = false;
    for (Classifier classifier : classifiers) {
      Optional<DataClass> found = classifier.classify(key, text);
      if (found.isPresent() && (c == null || found.get().compareTo(c) > 0)) {
        c = found.get();
        byKey = classifier.classifyKey(key).isPresent();
      }
    }
    if (c == null || c == DataClass.PUBLIC) {
      return text;
    }
    if (!hidden.contains(c)) {
      revealed.add(c);
      return text;
    }
    if (byKey) {
      return Masks.generic(text);
    }
    String masked = text(text);
    return masked.equals(text) ? Masks.generic(text) : masked;
  }

  /** Free text: the sensitive parts of hidden classes are masked, the rest stays. */
  private String text(String text) {
    for (Classifier classifier : classifiers) {
      List<Classifier.Match> matches = classifier.findSensitive(text);
      if (matches.isEmpty()) {
        continue;
      }
      List<Classifier.Match> masked = new ArrayList<>();
      for (Classifier.Match m : matches) {
        if (hidden.contains(m.dataClass())) {
          masked.add(m);
        } else {
          revealed.add(m.dataClass());
        }
      }
      return Masks.maskText(text, masked);
    }
    return text;
  }
}
