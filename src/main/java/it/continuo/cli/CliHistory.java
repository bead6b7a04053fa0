package it.continuo.cli;

import it.continuo.backup.BackupResult;
import it.continuo.backup.Outcome;
import it.continuo.catalog.Verification;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The history as a CLI command records into it: a history that cannot be opened or written never
 * stops the command; it prints one warning ("history not recorded: …") and the command goes on.
 */
final class CliHistory implements AutoCloseable {
  /** The row id of a run that could not be recorded. */
  static final long NOT_RECORDED = -1;

  private final PrintWriter err;
  private History history;

  private CliHistory(History history, PrintWriter err) {
    this.history = history;
    this.err = err;
  }

  /** The agent's history, or one that records nothing (having said why) when it cannot open. */
  static CliHistory open(Config config, PrintWriter err) {
    try {
      return new CliHistory(History.open(config.agent().dataDir()), err);
    } catch (HistoryException | RuntimeException e) {
      warn(err, e);
      return new CliHistory(null, err);
    }
  }

  /** One thing to record. */
  @FunctionalInterface
  private interface Write<T> {
    T to(History h) throws HistoryException;
  }

  private <T> T record(Write<T> write, T otherwise) {
    if (history == null) {
      return otherwise;
    }
    try {
      return write.to(history);
    } catch (HistoryException | RuntimeException e) {
      warn(err, e);
      close(); // once is enough: the rest of this command records nothing
      return otherwise;
    }
  }

  private static void warn(PrintWriter err, Exception e) {
    err.println("continuo: history not recorded: " + e.getMessage());
    err.flush();
  }

  /** Records the start of a run asked for on the command line. */
  long runStarted(String job, String level, Instant start) {
    return record(h -> h.runStarted(job, "cli", level, start, null, null), NOT_RECORDED);
  }

  void runEnded(long row, BackupResult result, Instant end) {
    if (row != NOT_RECORDED) {
      record(
          h -> {
            h.runEnded(row, result, end);
            return null;
          },
          null);
    }
  }

  /** The run never started: another process holds the job's lock, and records its own run. */
  void runNotStarted(long row) {
    if (row != NOT_RECORDED) {
      record(
          h -> {
            h.runNotStarted(row);
            return null;
          },
          null);
    }
  }

  /** The engine threw instead of returning a result: the run is recorded as failed. */
  void runFailed(long row, JobConfig job, String level, Exception e, Instant start, Instant end) {
    String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    BackupResult failed =
        new BackupResult(
            job.name(),
            String.join(",", job.targets()),
            null,
            level,
            Outcome.FAILED,
            error,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Duration.between(start, end),
            0,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    runEnded(row, failed, end);
  }

  void verifications(String job, String target, List<Verification> verifications) {
    record(
        h -> {
          for (Verification v : verifications) {
            h.verification(job, target, v);
          }
          return null;
        },
        null);
  }

  @Override
  public void close() {
    if (history != null) {
      history.close();
      history = null;
    }
  }
}
