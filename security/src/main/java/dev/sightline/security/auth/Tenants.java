package dev.sightline.security.auth;

import java.util.regex.Pattern;

/**
 * Tenant names: 1 to 64 letters, digits, {@code _}, {@code .} or {@code -}, starting with a letter
 * or digit. They come from keys, token claims and a request header, so they are checked before
 * they reach storage, metrics labels or file names.
 */
public final class Tenants {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private Tenants() {}

  public static boolean valid(String tenant) {
    return NAME.matcher(tenant).matches();
  }

  /** The name, or an exception that says what a tenant name may be. */
  public static String requireValid(String tenant, String where) {
    if (!valid(tenant)) {
      throw new IllegalArgumentException(where + ": '" + abbreviate(tenant) + "' is not a tenant name "
          + "(1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit)");
    }
    return tenant;
  }

  private static String abbreviate(String s) {
    return s.length() > 70 ? s.substring(0, 70) + "…" : s;
  }
}
