package it.continuo.cli;

import it.continuo.backup.BackupResult;
import it.continuo.catalog.Verification;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The history as one CLI command records into it. It is opened in the background as the command
 * starts (loading the embedded database takes about a second of a cold JVM, which the command's own
 * work hides), and the start of a run is recorded there too. A history that cannot be opened or
 * written never stops the command: it prints one warning ("history not recorded: …") and the
 * command goes on.
 */
final class CliHistory implements AutoCloseable {
  /** How long the end of a command waits for the history before giving up on it. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final long NOT_RECORDED = -1;

  private final PrintWriter err;
  private final CompletableFuture<History> opening;
  private CompletableFuture<Long> row = CompletableFuture.completedFuture(NOT_RECORDED);
  private volatile Exception failure;
  private boolean warned;

  private CliHistory(CompletableFuture<History> opening, PrintWriter err) {
    this.opening = opening;
    this.err = err;
  }

  /** Starts opening the agent's history in the background. */
  static CliHistory open(Config config, PrintWriter err) {
    Path dataDir = config.agent().dataDir();
    CompletableFuture<History> opening = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                opening.complete(History.open(dataDir));
              } catch (Exception | LinkageError e) {
                opening.completeExceptionally(e);
              }
            },
            "history-open");
    t.setDaemon(true);
    t.start();
    return new CliHistory(opening, err);
  }

  /** One thing to record. */
  @FunctionalInterface
  private interface Write<T> {
    T to(History h) throws HistoryException;
  }

  /** Records the start of a run asked for on the command line, in the background. */
  void runStarted(String job, String level, Instant start) {
    row =
        opening.thenApply(
            h -> {
              try {
                return h.runStarted(job, "cli", level, start, null, null);
              } catch (HistoryException | RuntimeException e) {
                failure = e;
                return NOT_RECORDED;
              }
            });
  }

  /** Records how the run ended. */
  void runEnded(BackupResult result, Instant end) {
    long id = startedRow();
    if (id != NOT_RECORDED) {
      record(
          h -> {
            h.runEnded(id, result, end);
            return null;
          });
    }
  }

  /** The run never started: another process holds the job's lock, and records its own run. */
  void runNotStarted() {
    long id = startedRow();
    if (id != NOT_RECORDED) {
      record(
          h -> {
            h.runNotStarted(id);
            return null;
          });
    }
  }

  /** The engine threw instead of returning a result: the run is recorded as failed. */
  void runFailed(JobConfig job, String level, Exception e, Instant start, Instant end) {
    String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    runEnded(
        BackupResult.failedOnEveryTarget(job, level, error, Duration.between(start, end)), end);
  }

  void verifications(String job, String target, List<Verification> verifications) {
    record(
        h -> {
          for (Verification v : verifications) {
            h.verification(job, target, v);
          }
          return null;
        });
  }

  void nightlyCheck(it.continuo.history.NightlyCheck check) {
    record(
        h -> {
          h.nightlyCheck(check);
          return null;
        });
  }

  void replicaCheck(it.continuo.history.ReplicaCheck check) {
    record(
        h -> {
          h.replicaCheck(check);
          return null;
        });
  }

  /**
   * When the newest full check of {@code replica} whose state was known was made, or null (none, or
   * no history): the files changed since are confirmed first.
   */
  Instant lastFullReplicaCheck(String replica) {
    History h = await(opening);
    if (h == null) {
      return null;
    }
    try {
      it.continuo.history.ReplicaCheck last = h.lastFullReplicaCheck(replica);
      return last == null ? null : last.checkedAt();
    } catch (HistoryException | RuntimeException e) {
      failure = e;
      return null;
    }
  }

  private long startedRow() {
    Long id = await(row);
    return id == null ? NOT_RECORDED : id;
  }

  private void record(Write<?> write) {
    History h = await(opening);
    if (h == null || failure != null) {
      warn();
      return;
    }
    try {
      write.to(h);
    } catch (HistoryException | RuntimeException e) {
      failure = e;
      warn();
    }
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause() instanceof Exception x ? x : e;
    } catch (TimeoutException e) {
      failure = new HistoryException("no answer from the history in " + WAIT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    }
    warn();
    return null;
  }

  /** Says once, from the command's own thread, why the history was not recorded. */
  private void warn() {
    Exception e = failure;
    if (e != null && !warned) {
      warned = true;
      err.println("continuo: history not recorded: " + e.getMessage());
      err.flush();
    }
  }

  @Override
  public void close() {
    warn();
    opening.thenAccept(History::close);
  }
}
