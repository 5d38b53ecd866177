package dev.sightline.pipeline.processor;

import dev.sightline.security.ClassificationRule;
import dev.sightline.security.Classifier;
import dev.sightline.security.DataClass;
import dev.sightline.security.FieldCipher;
import dev.sightline.security.KeyRing;
import dev.sightline.security.Masks;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Classifies attribute values and log bodies (type {@code classify}) and protects each class as
 * configured: {@code mask}, {@code hash}, {@code drop}, {@code encrypt} (AES-256-GCM under the
 * keystore's current key version) or {@code keep}. Applies to resource, span, span event, log and
 * data point attributes and to string log bodies, where only the sensitive parts are replaced.
 *
 * <pre>
 * classify:
 *   actions: {restricted: drop, confidential: encrypt, personal: mask}
 *   rules: [{class: restricted, key: "session"}, {class: personal, value: "\\b\\d{3}-\\d{2}-\\d{4}\\b"}]
 *   keystore: /etc/sightline/field-keys.json   # default: data/keys/field-keys.json, created when absent
 *   rotation: 90d
 * </pre>
 */
final class ClassificationProcessor extends EditingProcessor implements FieldDecryption, ClassifiesValues {
  enum Action { MASK, HASH, DROP, ENCRYPT, KEEP }

  private static final Duration ROTATION_CHECK = Duration.ofMinutes(1);
  private final Classifier classifier;
  private final Map<DataClass, Action> actions;
  private final byte[] salt;
  private final @Nullable KeyRing keys;
  private final @Nullable FieldCipher cipher;
  private final Clock clock;
  private final dev.sightline.pipeline.SelfMetrics metrics;
  private Instant nextRotationCheck = Instant.MIN;

  private ClassificationProcessor(String id, Classifier classifier, Map<DataClass, Action> actions, byte[] salt,
      @Nullable KeyRing keys, ProcessorContext context) {
    super(id);
    this.classifier = classifier;
    this.actions = Map.copyOf(actions);
    this.salt = salt;
    this.keys = keys;
    this.cipher = keys == null ? null : new FieldCipher(keys);
    this.clock = context.clock();
    this.metrics = context.metrics();
  }

  static ClassificationProcessor create(String id, Settings s, ProcessorContext context) {
    s.allowOnly("actions", "rules", "defaults", "keystore", "rotation", "salt");
    Map<DataClass, Action> actions = new EnumMap<>(DataClass.class);
    actions.put(DataClass.PERSONAL, Action.MASK);
    actions.put(DataClass.CONFIDENTIAL, Action.MASK);
    actions.put(DataClass.RESTRICTED, Action.MASK);
    actions.put(DataClass.PUBLIC, Action.KEEP);
    Settings configured = s.map("actions");
    for (String name : configured.keys()) {
      DataClass c;
      try {
        c = DataClass.parse(name);
      } catch (IllegalArgumentException e) {
        throw configured.fail(name, e.getMessage());
      }
      try {
        actions.put(c, Action.valueOf(configured.string(name).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw configured.fail(name, "'" + configured.string(name) + "' is not one of mask, hash, drop, encrypt, keep");
      }
    }
    List<ClassificationRule> rules = new ArrayList<>();
    for (Settings r : s.maps("rules")) {
      rules.add(rule(r));
    }
    Classifier classifier = s.bool("defaults", true) ? Classifier.defaults().with(rules) : Classifier.of(rules);
    KeyRing keys = null;
    if (actions.containsValue(Action.ENCRYPT) || s.has("keystore")) {
      Duration rotation = s.duration("rotation", Duration.ofDays(90));
      Path file = s.has("keystore") ? Path.of(s.string("keystore"))
          : context.dataDir().resolve("keys").resolve("field-keys.json");
      try {
        keys = KeyRing.open(file, rotation, context.clock(), !s.has("keystore"));
      } catch (RuntimeException e) {
        throw s.fail("keystore", e.getMessage());
      }
    }
    String salt = s.string("salt", "sightline");
    if (salt.isEmpty()) {
      throw s.fail("salt", "must not be empty: hashes without a key can be reversed by hashing guesses");
    }
    return new ClassificationProcessor(id, classifier, actions, salt.getBytes(StandardCharsets.UTF_8), keys, context);
  }

  private static ClassificationRule rule(Settings r) {
    r.allowOnly("class", "key", "value");
    DataClass c;
    try {
      c = DataClass.parse(r.string("class"));
    } catch (IllegalArgumentException e) {
      throw r.fail("class", e.getMessage());
    }
    if (!r.has("key") && !r.has("value")) {
      throw r.fail("a rule needs key (a regular expression over keys), value (over values), or both");
    }
    return new ClassificationRule(c, r.pattern("key"), r.pattern("value"), null);
  }

  @Override
  public void start() {
    rotateIfDue();
  }

  @Override
  public Classifier classifier() {
    return classifier;
  }

  @Override
  public String decrypt(String token) {
    if (cipher == null) {
      throw new IllegalStateException("processor " + id() + " has no keystore; nothing it stored is encrypted");
    }
    return cipher.decrypt(token);
  }

  @Override
  public List<KeyValue> attributes(AttributeSite site, String service, List<KeyValue> attributes) {
    rotateIfDue();
    List<KeyValue> out = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      KeyValue changed = protect(kv);
      if (changed != kv && out == null) {
        out = new ArrayList<>(attributes.subList(0, i));
      }
      if (out != null && changed != null) {
        out.add(changed);
      }
    }
    return out == null ? attributes : out;
  }

  private @Nullable KeyValue protect(KeyValue kv) {
    AnyValue v = kv.getValue();
    String text = switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      default -> "";
    };
    if (FieldCipher.isToken(text) || (text.length() == 71 && text.startsWith("sha256:"))) {
      return kv; // already encrypted or hashed, e.g. when re-run over stored data
    }
    Optional<DataClass> c = classifier.classify(kv.getKey(), text);
    if (c.isEmpty() || actions.get(c.get()) == Action.KEEP) {
      return kv;
    }
    Action action = actions.get(c.get());
    count(c.get(), action);
    if (action == Action.DROP) {
      return null;
    }
    boolean byKey = classifier.classifyKey(kv.getKey()).isPresent();
    String replaced = switch (action) {
      case HASH -> Masks.hash(text, salt);
      case ENCRYPT -> encrypt(text.isEmpty() ? AttributeAction.text(v) : text);
      default -> byKey ? Masks.generic(text) : Masks.maskText(text, classifier.findSensitive(text));
    };
    return kv.toBuilder().setValue(AnyValue.newBuilder().setStringValue(replaced)).build();
  }

  @Override
  public AnyValue logBody(String service, AnyValue body) {
    if (!body.hasStringValue()) {
      return body;
    }
    String text = body.getStringValue();
    List<Classifier.Match> matches = classifier.findSensitive(text).stream()
        .filter(m -> actions.get(m.dataClass()) != Action.KEEP).toList();
    if (matches.isEmpty()) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Classifier.Match m : matches) {
      Action action = actions.get(m.dataClass());
      count(m.dataClass(), action);
      String part = text.substring(m.start(), m.end());
      out.append(text, at, m.start()).append(switch (action) {
        case HASH -> Masks.hash(part, salt);
        case ENCRYPT -> encrypt(part);
        case DROP -> "";
        default -> Masks.maskText(part, List.of(new Classifier.Match(0, part.length(), m.dataClass(), m.kind())));
      });
      at = m.end();
    }
    return AnyValue.newBuilder().setStringValue(out.append(text, at, text.length()).toString()).build();
  }

  private String encrypt(String plaintext) {
    if (cipher == null) {
      throw new IllegalStateException("processor " + id() + " encrypts but has no keystore");
    }
    return cipher.encrypt(plaintext);
  }

  private void rotateIfDue() {
    if (keys == null) {
      return;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextRotationCheck)) {
      return;
    }
    nextRotationCheck = now.plus(ROTATION_CHECK);
    if (keys.rotateIfDue()) {
      metrics.counter("sightline_field_key_rotations_total", "Field-encryption key rotations.", "processor", id()).increment();
    }
  }

  private void count(DataClass c, Action action) {
    metrics.counter("sightline_classified_values_total", "Sensitive values found, by class and what was done.",
        "processor", id(), "class", c.name().toLowerCase(Locale.ROOT), "action", action.name().toLowerCase(Locale.ROOT)).increment();
  }
}
