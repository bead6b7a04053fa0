package it.continuo.config;

import java.nio.file.Path;

/**
 * A target of type {@code local}: a directory, typically a mounted NAS share.
 *
 * @param name its key in the file
 * @param path the directory; it must exist when a run starts
 */
public record LocalTargetConfig(String name, Path path) implements TargetConfig {
  @Override
  public String type() {
    return "local";
  }
}
