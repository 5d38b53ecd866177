package dev.sightline.alerting.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON building shared by channels, with times as Alertmanager writes them (RFC 3339, UTC). */
final class AlertJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Alertmanager's zero time, which its webhook sends as endsAt of a firing alert. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AlertJson() {}

  static String time(@Nullable Instant t) {
    return t == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(t);
  }

  static ObjectNode object(Map<String, String> map) {
    ObjectNode node = MAPPER.createObjectNode();
    map.forEach(node::put);
    return node;
  }

  static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot happen for a tree of strings", e);
    }
  }
}
