package it.continuo.status;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.Level;
import it.continuo.catalog.RestorePoint;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.history.History;
import it.continuo.schedule.JobSchedule;
import it.continuo.storage.Target;
import it.continuo.storage.Targets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Puts an {@link AgentStatus} together from the configuration, the history and the targets. */
public final class StatusBuilder {
  private final Config config;
  private final History history;
  private final String version;

  /** When a job's next backup fires, if it is scheduled. */
  @FunctionalInterface
  public interface NextRuns {
    Optional<JobSchedule.Fire> next(JobConfig job) throws Exception;

    /** No daemon: nothing is scheduled. */
    NextRuns NONE = job -> Optional.empty();
  }

  /** The chains of a job on its targets. */
  @FunctionalInterface
  public interface Chains {
    List<TargetChain> of(JobConfig job);

    /** Not looked at: an empty list. */
    Chains NONE = job -> List.of();
  }

  public StatusBuilder(Config config, History history, String version) {
    this.config = config;
    this.history = history;
    this.version = version;
  }

  /**
   * @param at the time of the status
   * @param daemonSince when the daemon started, or null when none runs
   */
  public AgentStatus build(Instant at, Instant daemonSince, NextRuns next, Chains chains)
      throws Exception {
    List<JobStatus> jobs = new ArrayList<>();
    for (JobConfig job : config.jobs().values()) {
      Optional<JobSchedule.Fire> fire = next.next(job);
      jobs.add(
          new JobStatus(
              job.name(),
              job.targets(),
              history.running(job.name()).orElse(null),
              history.lastRun(job.name()).orElse(null),
              history.lastSuccess(job.name()).orElse(null),
              fire.map(JobSchedule.Fire::at).orElse(null),
              fire.map(f -> f.task().key()).orElse(null),
              history.lastVerifications(job.name()),
              chains.of(job)));
    }
    List<it.continuo.history.ReplicaCheck> replicas = new ArrayList<>();
    if (!config.replicas().isEmpty()) {
      var newest = new java.util.HashMap<String, it.continuo.history.ReplicaCheck>();
      history.lastReplicaChecks().forEach(k -> newest.put(k.replica(), k));
      for (String name : config.replicas().keySet()) {
        if (newest.containsKey(name)) {
          replicas.add(newest.get(name));
        }
      }
    }
    return new AgentStatus(config.agent().name(), version, at, daemonSince, jobs, null, replicas);
  }

  /** Lists every target of a job, one connection each; a target that fails says why. */
  public static Chains listing(Config config) {
    return job -> {
      List<TargetChain> chains = new ArrayList<>();
      for (TargetConfig t : config.targetsOf(job)) {
        chains.add(chain(config, job, t));
      }
      return chains;
    };
  }

  static TargetChain chain(Config config, JobConfig job, TargetConfig t) {
    try (Target target = Targets.open(t)) {
      List<RestorePoint> points = new JobStore(target, config.agent().name(), job.name()).points();
      return chain(t.name(), points);
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return new TargetChain(t.name(), message, 0, 0, null, null, List.of());
    }
  }

  /**
   * The runs of the newest chain, its full first: from the newest run back along each run's parent.
   * When a footer cannot be read (sealed or damaged), the ids still tell where the newest full is.
   */
  static List<String> chainOf(List<RestorePoint> points) {
    java.util.Map<String, RestorePoint> byRun = new java.util.HashMap<>();
    points.forEach(p -> byRun.put(p.run(), p));
    java.util.LinkedList<String> chain = new java.util.LinkedList<>();
    RestorePoint p = points.get(points.size() - 1);
    while (p != null && p.usable()) {
      chain.addFirst(p.run());
      if (p.level() == Level.FULL || p.footer().parent() == null) {
        return chain;
      }
      p = byRun.get(p.footer().parent());
    }
    int start = points.size() - 1;
    while (start > 0 && points.get(start).level() != Level.FULL) {
      start--;
    }
    return points.subList(start, points.size()).stream().map(RestorePoint::run).toList();
  }

  /** The chain summary of a target's points, oldest first. */
  static TargetChain chain(String target, List<RestorePoint> points) {
    if (points.isEmpty()) {
      return new TargetChain(target, null, 0, 0, null, null, List.of());
    }
    int damaged = (int) points.stream().filter(p -> !p.usable() && !p.sealed()).count();
    RestorePoint newest = points.get(points.size() - 1);
    List<String> chain = chainOf(points);
    return new TargetChain(
        target, null, points.size(), damaged, newest.run(), newest.id().start(), chain);
  }
}
