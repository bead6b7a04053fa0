package it.continuo.storage;

import it.continuo.config.LocalTargetConfig;
import it.continuo.config.TargetConfig;
import it.continuo.storage.local.LocalTarget;
import java.io.IOException;

/** Opens the target a configuration entry describes. */
public final class Targets {
  private Targets() {}

  public static Target open(TargetConfig config) throws IOException {
    if (config instanceof LocalTargetConfig local) {
      return new LocalTarget(local.name(), local.path());
    }
    throw new IllegalArgumentException("no implementation for target type " + config.type());
  }
}
