package it.continuo.cli;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import java.io.IOException;
import java.util.List;

/** A job's runs on its target, opened for a read-side command (list, restore, verify). */
final class JobTarget implements AutoCloseable {
  final Config config;
  final JobConfig job;
  final Target target;
  final JobStore store;

  private JobTarget(Config config, JobConfig job, Target target) {
    this.config = config;
    this.job = job;
    this.target = target;
    this.store = new JobStore(target, config.agent().name(), job.name());
  }

  /**
   * The job's runs on {@code targetName}, or on its first target when that is null, read with the
   * private key of {@code keys} or the target's own {@code decryptKey} when it has one.
   */
  static JobTarget open(Config config, String jobName, String targetName, KeyOptions keys)
      throws Exception {
    JobConfig job = config.job(jobName);
    TargetConfig target = config.targetOf(job, targetName);
    DecryptionKey key = Targets.decryptionKey(target, keys.key, keys.passphrase());
    return new JobTarget(config, job, Targets.open(target, key));
  }

  /**
   * The job's runs, every one of them readable.
   *
   * @throws it.continuo.storage.KeyRequiredException when runs are encrypted and no private key was
   *     given
   */
  List<RestorePoint> points() throws IOException {
    return readable(store.points());
  }

  /** Like {@link #points()}, with each run's last verification. */
  List<RestorePoint> withVerifications() throws IOException {
    return readable(store.withVerifications());
  }

  private List<RestorePoint> readable(List<RestorePoint> points)
      throws it.continuo.storage.KeyRequiredException {
    for (RestorePoint p : points) {
      if (p.sealed()) {
        throw new it.continuo.storage.KeyRequiredException(target.name(), p.manifestKey());
      }
    }
    return points;
  }

  @Override
  public void close() throws IOException {
    target.close();
  }
}
