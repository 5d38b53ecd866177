package dev.sightline.security.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of grants: {@code *} (everything), {@code read:*} (an action on every resource;
 * for reading, every signal but not the classified data classes) or a single permission such as
 * {@code write:reports} or {@code read:restricted}.
 */
public record Role(String name, Set<String> grants) {
  private static final Pattern GRANT = Pattern.compile("\\*|(read|write|admin):(\\*|[a-z]+)");

  /** The built-in roles. */
  public static final Map<String, Role> BUILT_IN = Map.of(
      "admin", new Role("admin", Set.of("*")),
      "operator", new Role("operator", Set.of("read:*", "write:*")),
      "viewer", new Role("viewer", Set.of("read:*")),
      "analyst", new Role("analyst", Set.of("read:*", "write:reports")));

  public Role {
    grants = Set.copyOf(grants);
    for (String g : grants) {
      if (!GRANT.matcher(g).matches()) {
        throw new IllegalArgumentException("role " + name + ": grant '" + g + "' is not '*', '<action>:*' or a permission such as "
            + List.of(Permission.values()).stream().map(Permission::text).toList());
      }
    }
  }

  public boolean allows(Permission p) {
    return grants.contains("*") || (!p.dataClass() && grants.contains(p.action() + ":*")) || grants.contains(p.text());
  }
}
