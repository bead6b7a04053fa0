package it.continuo.daemon;

import it.continuo.backup.BackupResult;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;

/** What the daemon does after a backup that stored a restore point (retention). */
@FunctionalInterface
public interface AfterRun {
  void after(Config config, JobConfig job, BackupResult result);

  AfterRun NOTHING = (c, j, r) -> {};
}
