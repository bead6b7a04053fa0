package it.continuo.retention;

import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import it.continuo.config.KeepConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which runs of one job on one target retention keeps, and which whole chains it deletes.
 * Pure: no I/O, time only through the zone and the instant given. See the package documentation for
 * the rules.
 */
public final class RetentionPlanner {
  private final ZoneId zone;

  /**
   * @param zone the agent's time zone, where days, weeks and months begin
   */
  public RetentionPlanner(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The plan for {@code points} under {@code keep}.
   *
   * @param points the runs of the job on one target, in any order
   * @param now when the plan is made (it dates the plan; the rules count periods that have a run,
   *     so they do not depend on it)
   */
  public RetentionPlan plan(List<RetentionPoint> points, KeepConfig keep, Instant now) {
    List<RetentionPoint> sorted = sorted(points);
    Chains chains = new Chains(sorted);
    Map<RunId, Set<String>> reasons = new TreeMap<>();
    if (keep.keepsAll()) {
      sorted.forEach(p -> reason(reasons, p.id(), "no keep rule"));
    } else if (!sorted.isEmpty()) {
      applyRules(sorted, chains, keep, reasons);
      close(sorted, chains, reasons);
    }
    return new RetentionPlan(now, keep, planned(sorted, chains, reasons));
  }

  private static List<RetentionPoint> sorted(List<RetentionPoint> points) {
    Map<RunId, RetentionPoint> byId = new TreeMap<>();
    for (RetentionPoint p : points) {
      if (byId.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("run " + p.id() + " is listed twice");
      }
    }
    return new ArrayList<>(byId.values());
  }

  private void applyRules(
      List<RetentionPoint> sorted,
      Chains chains,
      KeepConfig keep,
      Map<RunId, Set<String>> reasons) {
    RetentionPoint newest = sorted.get(sorted.size() - 1);
    chainReason(chains, reasons, newest.id(), "newest chain");
    lastVerified(sorted, chains, reasons);
    List<RetentionPoint> candidates = new ArrayList<>();
    for (int i = sorted.size() - 1; i >= 0; i--) {
      if (sorted.get(i).usable()) {
        candidates.add(sorted.get(i)); // newest first
      }
    }
    if (keep.fulls() > 0) {
      candidates.stream()
          .filter(p -> p.level() == Level.FULL)
          .limit(keep.fulls())
          .forEach(p -> chainReason(chains, reasons, p.id(), "fulls " + keep.fulls()));
    }
    newestPerPeriod(candidates, keep.daily(), "daily ", p -> date(p).toString(), reasons);
    newestPerPeriod(candidates, keep.weekly(), "weekly ", this::isoWeek, reasons);
    newestPerPeriod(
        candidates, keep.monthly(), "monthly ", p -> YearMonth.from(date(p)).toString(), reasons);
    for (RetentionPoint p : sorted) {
      if (!p.needsKnown()) {
        reason(reasons, p.id(), "needs unknown: " + p.unknownWhy());
      } else if (!chains.chainKnown(p.id())) {
        reason(
            reasons,
            p.id(),
            "chain unknown: its parent "
                + (p.parent() == null ? "is not named" : p.parent() + " is missing or unreadable"));
      }
    }
  }

  /** The chain of the newest point verified ok, and of newer points whose record is unreadable. */
  private static void lastVerified(
      List<RetentionPoint> sorted, Chains chains, Map<RunId, Set<String>> reasons) {
    for (int i = sorted.size() - 1; i >= 0; i--) {
      RetentionPoint p = sorted.get(i);
      if (p.verification() == RetentionPoint.Verified.OK) {
        chainReason(chains, reasons, p.id(), "last verified chain");
        return;
      }
      if (p.verification() == RetentionPoint.Verified.UNREADABLE) {
        chainReason(
            chains,
            reasons,
            p.id(),
            "may be the last verified chain: the verification record of "
                + p.id()
                + " cannot be read");
      }
    }
  }

  /** Keeps the newest candidate of each of the last {@code count} periods that have one. */
  private static void newestPerPeriod(
      List<RetentionPoint> newestFirst,
      int count,
      String rule,
      Function<RetentionPoint, String> period,
      Map<RunId, Set<String>> reasons) {
    Set<String> seen = new HashSet<>();
    for (RetentionPoint p : newestFirst) {
      if (seen.size() == count) {
        return;
      }
      String key = period.apply(p);
      if (seen.add(key)) {
        reason(reasons, p.id(), rule + key);
      }
    }
  }

  private LocalDate date(RetentionPoint p) {
    return LocalDate.ofInstant(p.id().start(), zone);
  }

  private String isoWeek(RetentionPoint p) {
    LocalDate d = date(p);
    return String.format(
        "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /**
   * Adds what the kept runs bring along until nothing changes: the runs a kept run needs, every
   * earlier run when its needs are unknown, and the rest of its chain (chains go as a whole).
   */
  private static void close(
      List<RetentionPoint> sorted, Chains chains, Map<RunId, Set<String>> reasons) {
    boolean changed = true;
    while (changed) {
      changed = false;
      List<RunId> kept = new ArrayList<>(reasons.keySet());
      kept.sort(Comparator.reverseOrder());
      for (RunId run : kept) {
        RetentionPoint p = chains.point(run);
        if (p.needsKnown()) {
          for (RunId needed : p.needs()) {
            if (!needed.equals(run) && chains.contains(needed)) {
              changed |= keepOnce(reasons, needed, "needed by ", "needed by " + run);
            }
          }
        } else {
          for (RetentionPoint older : sorted) {
            if (older.id().compareTo(run) >= 0) {
              break;
            }
            changed |=
                keepOnce(
                    reasons,
                    older.id(),
                    "older than ",
                    "older than " + run + ", whose needs are unknown");
          }
        }
        RunId head = chains.head(run);
        if (head != null) {
          for (RunId member : chains.members(head)) {
            if (!reasons.containsKey(member)) {
              reason(reasons, member, "in the kept chain of " + head);
              changed = true;
            }
          }
        }
      }
    }
  }

  /** Adds a reason of a kind a run does not have yet; true when the run was not kept before. */
  private static boolean keepOnce(
      Map<RunId, Set<String>> reasons, RunId run, String kind, String reason) {
    boolean wasKept = reasons.containsKey(run);
    Set<String> of = reasons.computeIfAbsent(run, r -> new LinkedHashSet<>());
    if (of.stream().noneMatch(s -> s.startsWith(kind))) {
      of.add(reason);
    }
    return !wasKept;
  }

  private static void reason(Map<RunId, Set<String>> reasons, RunId run, String reason) {
    reasons.computeIfAbsent(run, r -> new LinkedHashSet<>()).add(reason);
  }

  private static void chainReason(
      Chains chains, Map<RunId, Set<String>> reasons, RunId run, String reason) {
    chains.chainOf(run).forEach(r -> reason(reasons, r, reason));
  }

  private static List<PlannedChain> planned(
      List<RetentionPoint> sorted, Chains chains, Map<RunId, Set<String>> reasons) {
    List<PlannedChain> planned = new ArrayList<>();
    for (RetentionPoint p : sorted) {
      RunId head = chains.head(p.id());
      if (head != null && !head.equals(p.id())) {
        continue; // listed with its chain's full
      }
      List<PlannedRun> runs = new ArrayList<>();
      boolean anyKept = false;
      for (RunId run : chains.chainOf(p.id())) {
        Set<String> why = reasons.get(run);
        runs.add(new PlannedRun(run, why != null, why == null ? List.of() : List.copyOf(why)));
        anyKept |= why != null;
      }
      planned.add(new PlannedChain(p.id(), head != null, !anyKept, runs));
    }
    return planned;
  }
}
