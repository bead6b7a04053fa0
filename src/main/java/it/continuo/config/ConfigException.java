package it.continuo.config;

/** The configuration cannot be used; the message names the YAML path and line. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
