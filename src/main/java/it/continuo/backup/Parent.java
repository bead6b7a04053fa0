package it.continuo.backup;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.manifest.ManifestReader;
import it.continuo.progress.Listener;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The run an incremental builds on, and where its manifest is read from. With several targets it is
 * the newest run that every target reachable now holds, so that each of them gets a chain it can
 * restore from; its manifest comes from the agent's cache when there, else from a target that can
 * be read without a private key.
 */
record Parent(RestorePoint point, JobStore source) {

  ManifestReader openManifest() throws IOException {
    return source.openManifest(point);
  }

  /** The parent for an incremental, or null when a full is needed (the listener is told why). */
  static Parent choose(List<Destination> live, Destination cache, Listener listener)
      throws IOException {
    TreeSet<String> common = null;
    for (Destination d : live) {
      Set<String> runs = d.points.stream().map(RestorePoint::run).collect(Collectors.toSet());
      if (common == null) {
        common = new TreeSet<>(runs);
      } else {
        common.retainAll(runs);
      }
    }
    if (common == null || common.isEmpty()) {
      return null;
    }
    String run = common.last();
    for (Destination d : live) {
      RestorePoint newest = d.points.get(d.points.size() - 1);
      if (!newest.run().equals(run)) {
        listener.note(
            "target "
                + d.name
                + " holds runs that other targets lack (the newest is "
                + newest.run()
                + "): building on "
                + run
                + ", the newest run on every target");
      }
    }
    for (Destination d : live) {
      Map<String, RestorePoint> byRun = new HashMap<>();
      d.points.forEach(p -> byRun.put(p.run(), p));
      RestorePoint p = byRun.get(run);
      if (!p.usable()) {
        listener.warning(
            "the latest run "
                + run
                + " on "
                + d.name
                + " cannot be built on ("
                + p.damage()
                + "): taking a full backup");
        return null;
      }
      for (String needed : p.footer().needs()) {
        RestorePoint n = byRun.get(needed);
        if (n == null || !n.usable()) {
          listener.warning(
              "run "
                  + needed
                  + " needed by "
                  + run
                  + " is missing or damaged on "
                  + d.name
                  + ": taking a full backup");
          return null;
        }
      }
    }
    Optional<Parent> source = source(live, cache, run);
    if (source.isEmpty()) {
      listener.warning(
          "the manifest of "
              + run
              + " can be read neither from the agent's cache nor from an unencrypted target:"
              + " taking a full backup");
      return null;
    }
    return source.get();
  }

  private static Optional<Parent> source(List<Destination> live, Destination cache, String run) {
    if (!cache.failed()) {
      for (RestorePoint p : cache.points) {
        if (p.run().equals(run) && p.usable()) {
          return Optional.of(new Parent(p, cache.store));
        }
      }
    }
    for (Destination d : live) {
      for (RestorePoint p : d.points) {
        if (p.run().equals(run) && p.usable() && !p.sealed() && !d.encrypted) {
          return Optional.of(new Parent(p, d.store));
        }
      }
    }
    return Optional.empty();
  }
}
