package it.continuo.retention;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import it.continuo.config.KeepConfig;
import it.continuo.retention.RetentionPoint.Verified;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Retention never breaks a chain, whatever the history and the rule: properties checked over random
 * run histories ({@link History}) and random keep rules, each against the history itself rather
 * than the planner's own notion of chains.
 */
class RetentionPropertiesTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

  record Case(List<RetentionPoint> points, RetentionPlan plan) {
    Map<RunId, RetentionPoint> byId() {
      Map<RunId, RetentionPoint> m = new HashMap<>();
      points.forEach(p -> m.put(p.id(), p));
      return m;
    }

    Set<RunId> kept() {
      Set<RunId> kept = new HashSet<>();
      plan.keptRuns().forEach(r -> kept.add(r.run()));
      return kept;
    }

    Set<RunId> deleted() {
      return new HashSet<>(plan.deletedRuns());
    }
  }

  static Case plan(long seed, KeepConfig keep) {
    List<RetentionPoint> points = History.random(seed);
    return new Case(points, new RetentionPlanner(ROME).plan(points, keep, NOW));
  }

  @Provide
  Arbitrary<KeepConfig> keeps() {
    Arbitrary<Integer> often0 =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 8)));
    return Combinators.combine(often0, often0, often0, often0).as(KeepConfig::new);
  }

  @Property
  @Label("every run is either kept or deleted, once")
  void partition(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Set<RunId> kept = c.kept();
    List<RunId> deleted = c.plan.deletedRuns();
    assertThat(deleted).noneMatch(kept::contains);
    assertThat(kept.size() + deleted.size()).isEqualTo(c.points.size());
    assertThat(new HashSet<>(deleted)).hasSameSizeAs(deleted);
  }

  @Property
  @Label("(a) no kept point needs a deleted run; one with unknown needs keeps every older run")
  void keptPointsKeepWhatTheyNeed(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Set<RunId> deleted = c.deleted();
    for (RetentionPoint p : c.points) {
      if (deleted.contains(p.id())) {
        continue;
      }
      if (p.needsKnown()) {
        assertThat(p.needs()).as("needs of kept " + p.id()).noneMatch(deleted::contains);
      } else {
        assertThat(deleted).as("older than " + p.id()).allMatch(d -> d.compareTo(p.id()) > 0);
      }
    }
  }

  @Property
  @Label("(b) deletions are whole chains: a deleted run's parent and children are deleted too")
  void deletionsAreWholeChains(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Map<RunId, RetentionPoint> byId = c.byId();
    Set<RunId> deleted = c.deleted();
    for (RetentionPoint p : c.points) {
      if (p.parent() == null || !byId.containsKey(p.parent())) {
        continue;
      }
      assertThat(deleted.contains(p.id()))
          .as(p.id() + " and its parent " + p.parent())
          .isEqualTo(deleted.contains(p.parent()));
    }
    for (PlannedChain chain : c.plan.deletedChains()) {
      assertThat(chain.head().level()).isEqualTo(Level.FULL);
      assertThat(chain.known()).isTrue();
    }
  }

  @Property
  @Label("(b) runs are deleted newest first: none is deleted while a remaining run needs it")
  void deletionOrderKeepsTheRestRestorable(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Map<RunId, RetentionPoint> byId = c.byId();
    Set<RunId> remaining = new HashSet<>(byId.keySet());
    for (RunId run : c.plan.deletedRuns()) {
      remaining.remove(run);
      for (RunId r : remaining) {
        RetentionPoint p = byId.get(r);
        assertThat(p.needsKnown() ? p.needs() : List.<RunId>of()).doesNotContain(run);
        assertThat(p.parent()).isNotEqualTo(run);
      }
    }
  }

  @Property
  @Label("(c) the newest chain and the last verified chain are kept")
  void newestAndLastVerifiedChainsKept(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Set<RunId> kept = c.kept();
    if (c.points.isEmpty()) {
      return;
    }
    List<RetentionPoint> sorted = new ArrayList<>(c.points);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    assertThat(kept).contains(sorted.get(sorted.size() - 1).id());
    assertComponentKept(c, sorted.get(sorted.size() - 1).id());
    for (int i = sorted.size() - 1; i >= 0; i--) {
      RetentionPoint p = sorted.get(i);
      if (p.verification() == Verified.UNREADABLE || p.verification() == Verified.OK) {
        assertComponentKept(c, p.id());
      }
      if (p.verification() == Verified.OK) {
        break;
      }
    }
  }

  /** Every run linked to {@code run} by parents (both ways) is kept. */
  private static void assertComponentKept(Case c, RunId run) {
    Map<RunId, RetentionPoint> byId = c.byId();
    Set<RunId> component = new HashSet<>(Set.of(run));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (RetentionPoint p : c.points) {
        if (p.parent() != null && byId.containsKey(p.parent())) {
          boolean a = component.contains(p.id());
          boolean b = component.contains(p.parent());
          if (a != b) {
            component.add(p.id());
            component.add(p.parent());
            grew = true;
          }
        }
      }
    }
    assertThat(c.kept()).containsAll(component);
  }

  @Property
  @Label("(d) fulls N keeps the N newest usable fulls")
  void fullsRule(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    List<RunId> fulls = new ArrayList<>();
    c.points.stream()
        .filter(p -> p.usable() && p.level() == Level.FULL)
        .map(RetentionPoint::id)
        .sorted((a, b) -> b.compareTo(a))
        .limit(keep.fulls())
        .forEach(fulls::add);
    assertThat(c.kept()).containsAll(fulls);
    for (RunId f : fulls) {
      assertThat(c.plan.run(f).orElseThrow().reasons()).contains("fulls " + keep.fulls());
    }
  }

  @Property
  @Label("(d) daily, weekly and monthly keep the newest point of each of their last periods")
  void periodRules(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Function<RetentionPoint, LocalDate> date = p -> LocalDate.ofInstant(p.id().start(), ROME);
    checkPeriods(c, keep.daily(), "daily ", p -> date.apply(p).toString());
    checkPeriods(
        c,
        keep.weekly(),
        "weekly ",
        p -> {
          LocalDate d = date.apply(p);
          return String.format(
              "%d-W%02d",
              d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        });
    checkPeriods(c, keep.monthly(), "monthly ", p -> YearMonth.from(date.apply(p)).toString());
  }

  private static void checkPeriods(
      Case c, int count, String rule, Function<RetentionPoint, String> period) {
    Map<String, RetentionPoint> newestOfPeriod = new HashMap<>();
    for (RetentionPoint p : c.points) {
      if (p.usable()) {
        newestOfPeriod.merge(period.apply(p), p, (a, b) -> a.id().compareTo(b.id()) > 0 ? a : b);
      }
    }
    List<String> periods = new ArrayList<>(newestOfPeriod.keySet());
    periods.sort((a, b) -> newestOfPeriod.get(b).id().compareTo(newestOfPeriod.get(a).id()));
    for (String key : periods.subList(0, Math.min(count, periods.size()))) {
      RunId run = newestOfPeriod.get(key).id();
      assertThat(c.plan.run(run).orElseThrow().reasons()).as(run.toString()).contains(rule + key);
    }
    long chosen =
        c.plan.keptRuns().stream()
            .filter(r -> r.reasons().stream().anyMatch(s -> s.startsWith(rule)))
            .count();
    assertThat(chosen).isEqualTo(Math.min(count, periods.size()));
  }

  @Property
  @Label("(e) without a rule nothing is deleted")
  void keepsAllDeletesNothing(@ForAll long seed) {
    Case c = plan(seed, KeepConfig.ALL);
    assertThat(c.plan.deletedRuns()).isEmpty();
    assertThat(c.kept()).hasSize(c.points.size());
  }

  @Property
  @Label("runs whose needs or chain are unknown are kept")
  void unknownsKept(@ForAll long seed, @ForAll("keeps") KeepConfig keep) {
    Case c = plan(seed, keep);
    Map<RunId, RetentionPoint> byId = c.byId();
    for (RetentionPoint p : c.points) {
      boolean parentMissing = p.level() == Level.INCREMENTAL && !byId.containsKey(p.parent());
      if (!p.needsKnown() || parentMissing) {
        assertThat(c.kept()).contains(p.id());
      }
    }
  }

  @Property
  @Label(
      "with only a fulls rule, every chain older than the ones it keeps goes when nothing else holds it")
  void fullsRuleDeletesWhenItCan(@ForAll long seed, @ForAll int n) {
    int fulls = 1 + Math.floorMod(n, 4);
    List<RetentionPoint> clean =
        History.random(seed).stream()
            .filter(p -> p.needsKnown() && p.usable())
            .map(p -> new RetentionPoint(p.id(), p.parent(), p.needs(), Verified.NONE, true, null))
            .toList();
    // keep only runs whose parent chain is complete, as after a clean history
    Set<RunId> ids = new HashSet<>();
    List<RetentionPoint> points = new ArrayList<>();
    for (RetentionPoint p : clean) {
      if (p.parent() == null || ids.contains(p.parent())) {
        ids.add(p.id());
        points.add(p);
      }
    }
    RetentionPlan plan =
        new RetentionPlanner(ROME).plan(points, new KeepConfig(fulls, 0, 0, 0), NOW);
    List<RunId> keptFulls =
        points.stream()
            .map(RetentionPoint::id)
            .filter(id -> id.level() == Level.FULL)
            .sorted((a, b) -> b.compareTo(a))
            .limit(fulls)
            .toList();
    RunId oldestKeptFull = keptFulls.isEmpty() ? null : keptFulls.get(keptFulls.size() - 1);
    // chains that start before the oldest kept full, and that no newer run builds on, are deleted
    for (PlannedChain chain : plan.chains()) {
      boolean older = oldestKeptFull != null && chain.head().compareTo(oldestKeptFull) < 0;
      boolean newestChain =
          chain.runs().stream().anyMatch(r -> r.run().equals(points.get(points.size() - 1).id()));
      if (older && !newestChain) {
        assertThat(chain.deleted()).as("chain " + chain.head()).isTrue();
      }
    }
  }

  @net.jqwik.api.Example
  @Label("the random histories hold what the properties are about")
  void historiesAreVaried() {
    int deletions = 0, unknown = 0, damagedFulls = 0, crossChain = 0, verified = 0;
    for (long seed = 0; seed < 500; seed++) {
      Case c = plan(seed, new KeepConfig(1, 3, 0, 0));
      deletions += c.plan.deletedRuns().isEmpty() ? 0 : 1;
      Map<RunId, RetentionPoint> byId = c.byId();
      for (RetentionPoint p : c.points) {
        unknown += p.needsKnown() ? 0 : 1;
        damagedFulls += p.level() == Level.FULL && !p.usable() ? 1 : 0;
        verified += p.verification() == Verified.OK ? 1 : 0;
        RetentionPoint parent = p.parent() == null ? null : byId.get(p.parent());
        boolean fullBetween =
            parent != null
                && c.points.stream()
                    .anyMatch(
                        q ->
                            q.level() == Level.FULL
                                && q.id().compareTo(parent.id()) > 0
                                && q.id().compareTo(p.id()) < 0);
        crossChain += fullBetween ? 1 : 0;
      }
    }
    assertThat(deletions).as("histories with deletions").isGreaterThan(100);
    assertThat(unknown).as("runs with unknown needs").isGreaterThan(50);
    assertThat(damagedFulls).as("damaged fulls").isGreaterThan(5);
    assertThat(crossChain).as("incrementals on a run older than the last full").isGreaterThan(50);
    assertThat(verified).as("runs verified ok").isGreaterThan(200);
  }
}
