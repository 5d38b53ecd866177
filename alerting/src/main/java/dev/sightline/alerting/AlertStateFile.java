package dev.sightline.alerting;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pending and firing alerts saved in a JSON file after each evaluation that changed them
 * (written to a temporary file and renamed, so a crash leaves the old or the new state), so that
 * a restart neither restarts {@code for} nor sends a second firing notification.
 * Shape: {@code {"<group key>": {"<rule identity>": [alert, ...]}}}.
 */
final class AlertStateFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AlertStateFile(Path file) {
    this.file = file;
  }

  Map<String, Map<String, List<ActiveAlert>>> load() {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      Map<String, Map<String, List<Map<String, Object>>>> raw = JSON.readValue(file.toFile(), new TypeReference<>() {});
      Map<String, Map<String, List<ActiveAlert>>> out = new LinkedHashMap<>();
      raw.forEach((group, rules) -> {
        Map<String, List<ActiveAlert>> byRule = new LinkedHashMap<>();
        rules.forEach((rule, alerts) -> byRule.put(rule, alerts.stream().map(AlertStateFile::alert).toList()));
        out.put(group, byRule);
      });
      return out;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the alert state in " + file + " cannot be read (" + e.getMessage()
          + "); move it away to start with no pending or firing alerts", e);
    }
  }

  void save(Map<String, Map<String, List<ActiveAlert>>> state) {
    Map<String, Map<String, List<Map<String, Object>>>> raw = new LinkedHashMap<>();
    state.forEach((group, rules) -> {
      Map<String, List<Map<String, Object>>> byRule = new LinkedHashMap<>();
      rules.forEach((rule, alerts) -> {
        if (!alerts.isEmpty()) {
          byRule.put(rule, alerts.stream().map(AlertStateFile::map).toList());
        }
      });
      if (!byRule.isEmpty()) {
        raw.put(group, byRule);
      }
    });
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), raw);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving the alert state to " + file, e);
    }
  }

  private static Map<String, Object> map(ActiveAlert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", a.labels());
    m.put("annotations", a.annotations());
    m.put("state", a.state().name());
    m.put("activeAt", a.activeAt().toEpochMilli());
    m.put("firedAt", a.firedAt() == null ? null : a.firedAt().toEpochMilli());
    m.put("keepFiringSince", a.keepFiringSince() == null ? null : a.keepFiringSince().toEpochMilli());
    m.put("value", Double.toString(a.value()));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static ActiveAlert alert(Map<String, Object> m) {
    return new ActiveAlert((Map<String, String>) m.get("labels"), (Map<String, String>) m.get("annotations"),
        AlertState.valueOf((String) m.get("state")), instant(m.get("activeAt")), instant(m.get("firedAt")), null,
        instant(m.get("keepFiringSince")), Double.parseDouble((String) m.get("value")));
  }

  private static @Nullable Instant instant(@Nullable Object ms) {
    return ms == null ? null : Instant.ofEpochMilli(((Number) ms).longValue());
  }
}
