package it.continuo.config;

import java.nio.file.Path;

/**
 * A target of type {@code local}: a directory, typically a mounted NAS share.
 *
 * @param name its key in the file
 * @param path the directory; it must exist when a run starts
 * @param options the wrappers around it
 */
public record LocalTargetConfig(String name, Path path, TargetOptions options)
    implements TargetConfig {
  @Override
  public String type() {
    return "local";
  }
}
