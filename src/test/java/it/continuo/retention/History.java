package it.continuo.retention;

import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import it.continuo.retention.RetentionPoint.Verified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A random run history of one job on one target, built the way the backup engine builds one: a
 * full, or an incremental on a usable earlier run (usually the newest, sometimes an older one, as
 * when another target of the job missed runs), needing itself and some of what its parent needs.
 * Afterwards some runs are damaged or sealed, some verified, and now and then one removed by hand.
 */
final class History {
  static final Instant START = Instant.parse("2025-12-20T21:00:00Z");

  private History() {}

  static List<RetentionPoint> random(long seed) {
    Random rnd = new Random(seed);
    int count = rnd.nextInt(40);
    List<RetentionPoint> clean = new ArrayList<>();
    Instant t = START.plus(Duration.ofMinutes(rnd.nextInt(24 * 60)));
    for (int i = 0; i < count; i++) {
      t = t.plus(gap(rnd));
      clean.add(next(rnd, clean, t));
    }
    List<RetentionPoint> points = new ArrayList<>();
    for (RetentionPoint p : clean) {
      if (rnd.nextInt(40) == 0) {
        continue; // deleted by hand
      }
      points.add(spoil(rnd, p));
    }
    return points;
  }

  private static Duration gap(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Duration.ofMinutes(1 + rnd.nextInt(120)); // same day
      case 1 -> Duration.ofDays(2 + rnd.nextInt(9)).plusMinutes(rnd.nextInt(600));
      default -> Duration.ofDays(1).plusMinutes(rnd.nextInt(30) - 15);
    };
  }

  private static RetentionPoint next(Random rnd, List<RetentionPoint> earlier, Instant t) {
    if (earlier.isEmpty() || rnd.nextInt(6) == 0) {
      RunId id = new RunId(t, Level.FULL);
      return RetentionPoint.known(id, null, List.of(id), Verified.NONE);
    }
    int back = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(5, earlier.size())) : 0;
    RetentionPoint parent = earlier.get(earlier.size() - 1 - back);
    RunId id = new RunId(t, Level.INCREMENTAL);
    TreeSet<RunId> needs = new TreeSet<>();
    for (RunId n : parent.needs()) {
      if (rnd.nextInt(4) != 0 || n.level() == Level.FULL && rnd.nextInt(3) != 0) {
        needs.add(n);
      }
    }
    needs.add(id);
    return RetentionPoint.known(id, parent.id(), List.copyOf(needs), Verified.NONE);
  }

  /** Damage, sealing and verification, as time does to runs already written. */
  private static RetentionPoint spoil(Random rnd, RetentionPoint p) {
    Verified v = Verified.values()[rnd.nextInt(Verified.values().length)];
    if (rnd.nextInt(3) != 0) {
      v = Verified.NONE;
    }
    return switch (rnd.nextInt(25)) {
      case 0 -> RetentionPoint.unknown(p.id(), v, false, "manifest has no footer");
      case 1 -> RetentionPoint.unknown(p.id(), v, true, "sealed");
      default -> new RetentionPoint(p.id(), p.parent(), p.needs(), v, true, null);
    };
  }
}
