package dev.sightline.security.auth;

import static java.util.Objects.requireNonNull;

/** Who a request comes from: a name (a key id, a token's subject), the tenant it acts in and its role. */
public record Principal(String name, String tenant, Role role) {
  public Principal {
    requireNonNull(name, "name");
    requireNonNull(tenant, "tenant");
    requireNonNull(role, "role");
  }

  public boolean allows(Permission p) {
    return role.allows(p);
  }
}
