package it.continuo.history;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the history from the targets, which describe themselves: every committed run of every
 * configured job that the history lacks is added (trigger "rebuilt"), with one stored target row
 * per target that holds it, and every verification record found. Running it again adds nothing. A
 * target that cannot be reached or listed is reported and the others are still read.
 */
public final class CatalogRebuild {
  private static final Logger log = LoggerFactory.getLogger(CatalogRebuild.class);

  /**
   * What the rebuild found on one target of one job.
   *
   * @param job the job
   * @param target the target
   * @param error why the target could not be read, or null
   * @param runs committed runs found there
   * @param runsAdded runs the history did not have
   * @param targetsAdded runs the history had, now also recorded as stored on this target
   * @param verificationsAdded verification records the history did not have
   * @param sealed runs whose manifest needs the private key: recorded with level and start only
   * @param damaged runs whose manifest cannot be read: not recorded (verify them)
   */
  public record TargetReport(
      String job,
      String target,
      String error,
      int runs,
      int runsAdded,
      int targetsAdded,
      int verificationsAdded,
      int sealed,
      int damaged) {
    public boolean reached() {
      return error == null;
    }
  }

  private final Config config;
  private final History history;
  private final Path keyFile;
  private final String passphrase;

  /**
   * @param keyFile an OpenPGP private key for encrypted targets, or null for each target's own
   *     {@code decryptKey} (if any)
   * @param passphrase its passphrase, or null for the target's {@code decryptPassphrase}
   */
  public CatalogRebuild(Config config, History history, Path keyFile, String passphrase) {
    this.config = config;
    this.history = history;
    this.keyFile = keyFile;
    this.passphrase = passphrase;
  }

  /** Reads every target of every job; one report per job and target, in configuration order. */
  public List<TargetReport> rebuild() throws HistoryException {
    List<TargetReport> reports = new ArrayList<>();
    for (JobConfig job : config.jobs().values()) {
      List<TargetConfig> targets = config.targetsOf(job);
      for (int i = 0; i < targets.size(); i++) {
        reports.add(rebuild(job, targets.get(i), i));
      }
    }
    return reports;
  }

  private TargetReport rebuild(JobConfig job, TargetConfig config, int order)
      throws HistoryException {
    List<RestorePoint> points;
    try {
      points = list(job, config);
    } catch (IOException | RuntimeException e) {
      log.debug("cannot list {} on {}", job.name(), config.name(), e);
      return new TargetReport(job.name(), config.name(), message(e), 0, 0, 0, 0, 0, 0);
    }
    int runsAdded = 0;
    int targetsAdded = 0;
    int verificationsAdded = 0;
    int sealed = 0;
    int damaged = 0;
    for (RestorePoint p : points) {
      if (p.sealed()) {
        sealed++;
      } else if (!p.usable()) {
        damaged++;
        continue;
      }
      RebuiltRuns.Change change =
          history.rebuild(
              "add run " + p.run() + " of " + job.name(),
              c -> RebuiltRuns.add(c, job.name(), config.name(), order, p));
      runsAdded += change == RebuiltRuns.Change.RUN_ADDED ? 1 : 0;
      targetsAdded += change == RebuiltRuns.Change.TARGET_ADDED ? 1 : 0;
      if (p.verification() != null
          && history.addVerification(job.name(), config.name(), p.verification())) {
        verificationsAdded++;
      }
    }
    return new TargetReport(
        job.name(),
        config.name(),
        null,
        points.size(),
        runsAdded,
        targetsAdded,
        verificationsAdded,
        sealed,
        damaged);
  }

  private List<RestorePoint> list(JobConfig job, TargetConfig target) throws IOException {
    DecryptionKey key = Targets.decryptionKey(target, keyFile, passphrase);
    try (Target t = Targets.open(target, key)) {
      return new JobStore(t, this.config.agent().name(), job.name()).withVerifications();
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
