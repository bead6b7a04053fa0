package it.continuo.retention;

import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import it.continuo.config.KeepConfig;
import it.continuo.retention.RetentionPoint.Verified;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A run history written by hand for example tests; times are local to Europe/Rome. */
final class Runs {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  private final Map<RunId, RetentionPoint> points = new LinkedHashMap<>();
  private RunId newest;

  static RunId id(String localTime, Level level) {
    return new RunId(
        LocalDateTime.parse(localTime.replace(' ', 'T')).atZone(ROME).toInstant(), level);
  }

  RunId full(String localTime) {
    RunId id = id(localTime, Level.FULL);
    put(RetentionPoint.known(id, null, List.of(id), Verified.NONE));
    return id;
  }

  /** An incremental on the newest run so far, needing all its parent needs. */
  RunId inc(String localTime) {
    return incOn(newest, localTime);
  }

  /** An incremental on {@code parent}, needing all its parent needs. */
  RunId incOn(RunId parent, String localTime) {
    RunId id = id(localTime, Level.INCREMENTAL);
    TreeSet<RunId> needs = new TreeSet<>(points.get(parent).needs());
    needs.add(id);
    put(RetentionPoint.known(id, parent, List.copyOf(needs), Verified.NONE));
    return id;
  }

  /** An incremental whose parent is not on the target (removed by hand). */
  RunId orphan(String localTime, RunId missingParent, RunId... alsoNeeded) {
    RunId id = id(localTime, Level.INCREMENTAL);
    TreeSet<RunId> needs = new TreeSet<>(List.of(alsoNeeded));
    needs.add(missingParent);
    needs.add(id);
    put(RetentionPoint.known(id, missingParent, List.copyOf(needs), Verified.NONE));
    return id;
  }

  Runs verified(RunId run, Verified v) {
    RetentionPoint p = points.get(run);
    points.put(
        run, new RetentionPoint(p.id(), p.parent(), p.needs(), v, p.usable(), p.unknownWhy()));
    return this;
  }

  /** Its manifest can no longer be read. */
  Runs damaged(RunId run) {
    points.put(run, RetentionPoint.unknown(run, Verified.NONE, false, "manifest has no footer"));
    return this;
  }

  /** Encrypted, and the agent has no copy of its manifest. */
  Runs sealed(RunId run) {
    points.put(run, RetentionPoint.unknown(run, Verified.NONE, true, "encrypted"));
    return this;
  }

  private void put(RetentionPoint p) {
    points.put(p.id(), p);
    newest = p.id();
  }

  List<RetentionPoint> points() {
    return new ArrayList<>(points.values());
  }

  RetentionPlan plan(KeepConfig keep) {
    return new RetentionPlanner(ROME).plan(points(), keep, Instant.parse("2026-12-01T08:00:00Z"));
  }
}
