package dev.sightline.server.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.metadata.ChannelRecord;
import dev.sightline.metadata.MetadataStore;
import dev.sightline.metadata.RoleRecord;
import dev.sightline.metadata.UserRecord;
import dev.sightline.security.auth.Roles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes what the configuration defines (custom roles, certificate users, notification channels)
 * into the store at start, as rows of source {@code config}: the configuration stays their source
 * of truth, and the store the one place that lists them. The node started last wins where nodes'
 * configurations differ, so give every node the same configuration. Channel settings that hold
 * secrets (passwords, keys, tokens, webhook URLs) are stored as {@code <secret>}: they stay in the
 * configuration, which the notification dispatcher reads.
 */
final class ConfigSync {
  static final String SOURCE = "config";
  static final String SECRET = "<secret>";
  static final String CERTIFICATE = "certificate";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|key|token|url|auth).*");

  private ConfigSync() {}

  static void roles(MetadataStore store, Roles roles) {
    store.roles().replaceFromConfig(roles.custom().stream()
        .map(r -> new RoleRecord(r.name(), StoredRoles.grants(r), SOURCE, 0)).toList());
  }

  /** {@code certificateRoles}: {@code role} or {@code role@tenant} by common name, as {@code auth.mtls.roles} gives them. */
  static void users(MetadataStore store, Map<String, String> certificateRoles, String operatorTenant) {
    List<UserRecord> users = new ArrayList<>();
    certificateRoles.forEach((cn, grant) -> {
      int at = grant.indexOf('@');
      users.add(new UserRecord(cn, CERTIFICATE, at < 0 ? operatorTenant : grant.substring(at + 1),
          at < 0 ? grant : grant.substring(0, at), SOURCE, 0));
    });
    store.users().replaceFromConfig(users);
  }

  /** The receivers of the configuration's {@code notifications:} section. */
  static void channels(MetadataStore store, Map<String, Object> notifications) {
    List<ChannelRecord> channels = new ArrayList<>();
    if (notifications.get("receivers") instanceof List<?> receivers) {
      for (Object o : receivers) {
        if (o instanceof Map<?, ?> receiver && receiver.get("name") instanceof String name) {
          List<String> types = receiver.keySet().stream().map(String::valueOf).filter(k -> k.endsWith("_configs"))
              .map(k -> k.substring(0, k.length() - "_configs".length())).sorted().toList();
          channels.add(new ChannelRecord(name, String.join(",", types), json(redacted(receiver)), SOURCE, 0));
        }
      }
    }
    store.channels().replaceFromConfig(channels);
  }

  private static Object redacted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), SECRET_KEY.matcher(String.valueOf(k).toLowerCase(Locale.ROOT)).matches()
          && !(v instanceof Map || v instanceof List) ? SECRET : redacted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigSync::redacted).toList();
    }
    return value;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
