package it.continuo.cli;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
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

  /** The job's runs on {@code targetName}, or on its first target when that is null. */
  static JobTarget open(Config config, String jobName, String targetName) throws Exception {
    JobConfig job = config.job(jobName);
    return new JobTarget(config, job, Targets.open(config.targetOf(job, targetName)));
  }

  List<RestorePoint> points() throws IOException {
    return store.points();
  }

  @Override
  public void close() throws IOException {
    target.close();
  }
}
