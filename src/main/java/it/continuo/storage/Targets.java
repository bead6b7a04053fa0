package it.continuo.storage;

import it.continuo.config.LocalTargetConfig;
import it.continuo.config.SftpTargetConfig;
import it.continuo.config.TargetConfig;
import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.sftp.SftpTarget;
import java.io.IOException;

/** Opens the target a configuration entry describes. */
public final class Targets {
  private Targets() {}

  public static Target open(TargetConfig config) throws IOException {
    if (config instanceof LocalTargetConfig local) {
      return new LocalTarget(local.name(), local.path());
    }
    if (config instanceof SftpTargetConfig sftp) {
      return new SftpTarget(sftp);
    }
    throw new IllegalArgumentException("no implementation for target type " + config.type());
  }
}
