package it.continuo.storage;

import it.continuo.config.LocalTargetConfig;
import it.continuo.config.S3TargetConfig;
import it.continuo.config.TargetConfig;
import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.s3.S3Target;
import java.io.IOException;

/** Opens the target a configuration entry describes. */
public final class Targets {
  private Targets() {}

  public static Target open(TargetConfig config) throws IOException {
    if (config instanceof LocalTargetConfig local) {
      return new LocalTarget(local.name(), local.path());
    }
    if (config instanceof S3TargetConfig s3) {
      return new S3Target(s3);
    }
    throw new IllegalArgumentException("no implementation for target type " + config.type());
  }
}
