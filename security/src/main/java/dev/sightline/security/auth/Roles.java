package dev.sightline.security.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The roles in force: the built-in ones and the custom ones of the configuration, by name. */
public final class Roles {
  private final Map<String, Role> byName;

  private Roles(Map<String, Role> byName) {
    this.byName = Map.copyOf(byName);
  }

  public static Roles builtIn() {
    return new Roles(Role.BUILT_IN);
  }

  /**
   * The built-in roles and custom ones from a {@code roles:} section: role name → list of grants.
   *
   * @throws IllegalArgumentException naming the role and what is wrong with it
   */
  public static Roles withCustom(Map<String, Object> section) {
    Map<String, Role> all = new LinkedHashMap<>(Role.BUILT_IN);
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String name = e.getKey();
      if (Role.BUILT_IN.containsKey(name)) {
        throw new IllegalArgumentException("roles." + name + ": a built-in role cannot be redefined; give yours another name");
      }
      if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
        throw new IllegalArgumentException("roles." + name + ": a role name is lowercase letters, digits, '-' or '_'");
      }
      if (!(e.getValue() instanceof List<?> grants) || !grants.stream().allMatch(String.class::isInstance)) {
        throw new IllegalArgumentException("roles." + name + ": expected a list of grants such as [\"read:*\", \"write:rules\"]");
      }
      all.put(name, new Role(name, Set.copyOf(grants.stream().map(String.class::cast).toList())));
    }
    return new Roles(all);
  }

  public Optional<Role> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every role and its grants, sorted, as one line: what the audit log compares between starts. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(byName).forEach((name, role) -> b.append(b.isEmpty() ? "" : "; ").append(name).append('=')
        .append(String.join(",", new java.util.TreeSet<>(role.grants()))));
    return b.toString();
  }

  /** The roles of the configuration, without the built-in ones. */
  public List<Role> custom() {
    return byName.values().stream().filter(r -> !Role.BUILT_IN.containsKey(r.name()))
        .sorted(java.util.Comparator.comparing(Role::name)).toList();
  }

  public Role admin() {
    return byName.get("admin");
  }
}
