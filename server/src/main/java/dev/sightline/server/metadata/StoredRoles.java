package dev.sightline.server.metadata;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.metadata.Replica;
import dev.sightline.metadata.RoleRecord;
import dev.sightline.security.auth.Role;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles in force, read from the store: the built-in ones and the custom ones of the store's
 * {@code roles} table, so a key made on one node with a custom role works on every node, also
 * one whose own configuration lacks that role.
 */
public final class StoredRoles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Replica<RoleRecord> replica;
  private volatile ByName byName = new ByName(List.of(), Map.of());

  private record ByName(List<RoleRecord> rows, Map<String, Role> roles) {}

  StoredRoles(Replica<RoleRecord> replica) {
    this.replica = replica;
  }

  public Optional<Role> get(String name) {
    Role builtIn = Role.BUILT_IN.get(name);
    return builtIn != null ? Optional.of(builtIn) : Optional.ofNullable(custom().get(name));
  }

  private Map<String, Role> custom() {
    List<RoleRecord> rows = replica.rows();
    ByName current = byName;
    if (current.rows() != rows) {
      current = new ByName(rows, rows.stream().collect(Collectors.toUnmodifiableMap(RoleRecord::name, StoredRoles::role)));
      byName = current;
    }
    return current.roles();
  }

  static String grants(Role role) {
    try {
      return JSON.writeValueAsString(role.grants().stream().sorted().toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Role role(RoleRecord r) {
    try {
      return new Role(r.name(), Set.copyOf(JSON.readValue(r.grants(), new TypeReference<List<String>>() {})));
    } catch (IOException e) {
      throw new IllegalStateException("role " + r.name() + " in the metadata store: its grants are not a JSON list", e);
    }
  }
}
