package dev.sightline.server.config;

/** Bad configuration: the message names the key, the value and what was expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
