package dev.sightline.server.config;

/**
 * The setting names of the server, for deploy-tests: a {@code SIGHTLINE_*} variable that names
 * none is only logged at start-up, so a misspelt one in a manifest must be caught here.
 */
public final class KnownSettings {
  private KnownSettings() {}

  public static boolean known(String key) {
    return ConfigKeys.known(key);
  }
}
