package dev.sightline.alerting;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An alert as evaluation hands it to notification, in Alertmanager's model: its labels (which
 * identify it, including {@code alertname} and {@code severity}), annotations, when it started
 * firing, and when it resolved ({@code endsAt} null while it fires).
 */
public record NotifiableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
    @Nullable Instant endsAt, String generatorUrl) {
  public NotifiableAlert {
    labels = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(labels, "labels")));
    annotations = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(annotations, "annotations")));
    requireNonNull(startsAt, "startsAt");
    requireNonNull(generatorUrl, "generatorUrl");
  }

  /** The same alert with one more label. */
  public NotifiableAlert withLabel(String name, String value) {
    Map<String, String> more = new TreeMap<>(labels);
    more.put(name, value);
    return new NotifiableAlert(more, annotations, startsAt, endsAt, generatorUrl);
  }

  public boolean resolved() {
    return endsAt != null;
  }

  /** A stable identity of the alert: a hash of its sorted labels, as 16 hex digits. */
  public String fingerprint() {
    long h = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      for (String part : new String[] {e.getKey(), "\u00ff", e.getValue(), "\u00fe"}) {
        for (int i = 0; i < part.length(); i++) {
          h ^= part.charAt(i);
          h *= 0x100000001b3L;
        }
      }
    }
    return String.format("%016x", h);
  }
}
