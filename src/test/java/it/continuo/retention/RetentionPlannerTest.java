package it.continuo.retention;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.catalog.RunId;
import it.continuo.config.KeepConfig;
import it.continuo.retention.RetentionPoint.Verified;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Retention")
class RetentionPlannerTest {
  static KeepConfig fulls(int n) {
    return new KeepConfig(n, 0, 0, 0);
  }

  static List<String> reasons(RetentionPlan plan, RunId run) {
    return plan.run(run).orElseThrow().reasons();
  }

  static boolean kept(RetentionPlan plan, RunId run) {
    return plan.run(run).orElseThrow().kept();
  }

  /** Four weekly chains: a full on Sunday, incrementals Monday to Wednesday. */
  @Nested
  @DisplayName("over four weekly chains of November 2026")
  class FourWeeks {
    final Runs h = new Runs();
    RunId[] fulls = new RunId[4];
    RunId[][] incs = new RunId[4][3];

    @BeforeEach
    void history() {
      int[] sundays = {1, 8, 15, 22};
      for (int w = 0; w < 4; w++) {
        int d = sundays[w];
        fulls[w] = h.full(String.format("2026-11-%02d 22:00", d));
        for (int i = 0; i < 3; i++) {
          incs[w][i] = h.inc(String.format("2026-11-%02d 22:00", d + 1 + i));
        }
      }
    }

    @Test
    @DisplayName("without a keep rule, keeps everything")
    void keepsAll() {
      RetentionPlan plan = h.plan(KeepConfig.ALL);
      assertThat(plan.deletedRuns()).isEmpty();
      assertThat(reasons(plan, fulls[0])).containsExactly("no keep rule");
    }

    @Test
    @DisplayName("fulls 2 keeps the chains of the two newest fulls and deletes the two older ones")
    void fullsTwo() {
      RetentionPlan plan = h.plan(fulls(2));
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[1]);
      assertThat(reasons(plan, fulls[2])).contains("fulls 2");
      assertThat(reasons(plan, incs[2][2])).contains("fulls 2");
      assertThat(reasons(plan, incs[3][2])).contains("newest chain", "fulls 2");
    }

    @Test
    @DisplayName("deletes oldest chain first, and each chain's runs newest first")
    void deletionOrder() {
      RetentionPlan plan = h.plan(fulls(2));
      assertThat(plan.deletedRuns())
          .containsExactly(
              incs[0][2],
              incs[0][1],
              incs[0][0],
              fulls[0],
              incs[1][2],
              incs[1][1],
              incs[1][0],
              fulls[1]);
    }

    @Test
    @DisplayName("never deletes the newest chain, even with a rule that chooses nothing there")
    void newestChain() {
      RetentionPlan plan = h.plan(new KeepConfig(0, 0, 0, 1)); // monthly 1: the newest run anyway
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[1], fulls[2]);
      assertThat(reasons(plan, fulls[3])).contains("newest chain");
      assertThat(reasons(plan, incs[3][2])).contains("newest chain", "monthly 2026-11");
    }

    @Test
    @DisplayName("never deletes the last verified chain")
    void lastVerified() {
      h.verified(incs[1][1], Verified.OK).verified(incs[2][0], Verified.FAILED);
      RetentionPlan plan = h.plan(fulls(1));
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[2]);
      assertThat(reasons(plan, fulls[1])).contains("last verified chain");
    }

    @Test
    @DisplayName(
        "keeps a chain whose verification record it cannot read (encrypted), as it may be the last verified")
    void sealedVerification() {
      h.verified(incs[0][0], Verified.OK).verified(incs[1][0], Verified.UNREADABLE);
      RetentionPlan plan = h.plan(fulls(1));
      assertThat(plan.deletedChains()).extracting(PlannedChain::head).containsExactly(fulls[2]);
      assertThat(reasons(plan, fulls[0])).contains("last verified chain");
      assertThat(reasons(plan, fulls[1]))
          .contains(
              "may be the last verified chain: the verification record of "
                  + incs[1][0]
                  + " cannot be read");
    }

    @Test
    @DisplayName("daily 3 keeps the newest run of the last three days and what it needs")
    void daily() {
      RetentionPlan plan = h.plan(new KeepConfig(0, 3, 0, 0));
      assertThat(reasons(plan, incs[3][2])).contains("daily 2026-11-25");
      assertThat(reasons(plan, incs[3][1])).contains("daily 2026-11-24");
      assertThat(reasons(plan, incs[3][0])).contains("daily 2026-11-23");
      assertThat(reasons(plan, fulls[3])).contains("needed by " + incs[3][2]);
      assertThat(plan.keptChains()).hasSize(1);
    }

    @Test
    @DisplayName("daily 5 reaches into the previous chain, which is then kept whole")
    void dailyAcrossChains() {
      RetentionPlan plan = h.plan(new KeepConfig(0, 5, 0, 0));
      assertThat(reasons(plan, fulls[3])).contains("daily 2026-11-22");
      assertThat(reasons(plan, incs[2][2])).contains("daily 2026-11-18");
      assertThat(reasons(plan, incs[2][0])).contains("needed by " + incs[2][2]);
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[1]);
    }

    @Test
    @DisplayName("weekly 2 keeps the newest run of the last two ISO weeks")
    void weekly() {
      RetentionPlan plan = h.plan(new KeepConfig(0, 0, 2, 0));
      assertThat(reasons(plan, incs[3][2])).contains("weekly 2026-W48"); // Wed 25 November
      assertThat(reasons(plan, fulls[3])).contains("weekly 2026-W47"); // Sun 22 November
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[1], fulls[2]);
    }

    @Test
    @DisplayName("a damaged incremental is kept with every run before it")
    void damagedIncremental() {
      h.damaged(incs[1][1]);
      RetentionPlan plan = h.plan(fulls(1));
      assertThat(reasons(plan, incs[1][1])).contains("needs unknown: manifest has no footer");
      assertThat(reasons(plan, fulls[0]))
          .contains("older than " + incs[1][1] + ", whose needs are unknown");
      assertThat(plan.deletedChains()).extracting(PlannedChain::head).containsExactly(fulls[2]);
    }

    @Test
    @DisplayName(
        "a sealed incremental without a copy of its manifest is kept with every run before it")
    void sealedIncremental() {
      h.sealed(incs[2][0]);
      RetentionPlan plan = h.plan(fulls(1));
      assertThat(reasons(plan, incs[2][0])).contains("needs unknown: encrypted");
      assertThat(plan.deletedRuns()).isEmpty();
    }

    @Test
    @DisplayName("a damaged full is never chosen by a rule, and goes with its chain")
    void damagedFull() {
      h.damaged(fulls[1]);
      RetentionPlan plan = h.plan(fulls(2));
      assertThat(kept(plan, fulls[1])).isFalse();
      assertThat(plan.deletedChains())
          .extracting(PlannedChain::head)
          .containsExactly(fulls[0], fulls[1]);
      assertThat(reasons(plan, fulls[2])).contains("fulls 2");
    }
  }

  @Nested
  @DisplayName(
      "when an incremental builds on an older chain (another target missed the newer full)")
  class CrossChain {
    final Runs h = new Runs();
    RunId f1, i1, f2, i2, f0;

    @BeforeEach
    void history() {
      f0 = h.full("2026-10-25 22:00");
      h.inc("2026-10-26 22:00");
      f1 = h.full("2026-11-01 22:00");
      i1 = h.inc("2026-11-02 22:00");
      f2 = h.full("2026-11-08 22:00"); // stored here only
      i2 = h.incOn(i1, "2026-11-09 22:00"); // the newest run on every target was i1
    }

    @Test
    @DisplayName("the incremental's chain is its parent's, not the full listed before it")
    void chainOfParent() {
      RetentionPlan plan = h.plan(fulls(1));
      assertThat(reasons(plan, f2)).contains("fulls 1");
      assertThat(reasons(plan, f1)).contains("newest chain");
      assertThat(reasons(plan, i1)).contains("newest chain");
      assertThat(plan.deletedChains()).extracting(PlannedChain::head).containsExactly(f0);
      assertThat(plan.chains().get(1).runs())
          .extracting(PlannedRun::run)
          .containsExactly(f1, i1, i2);
    }
  }

  @Nested
  @DisplayName("days, weeks and months")
  class Periods {
    @Test
    @DisplayName(
        "are counted only when they have a run, and the newest run of a day is the one kept")
    void gaps() {
      Runs h = new Runs();
      RunId f = h.full("2026-11-02 22:00");
      RunId early = h.inc("2026-11-05 09:00");
      RunId late = h.inc("2026-11-05 22:00");
      RunId last = h.inc("2026-11-20 22:00");
      RetentionPlan plan = h.plan(new KeepConfig(0, 3, 0, 0));
      assertThat(reasons(plan, last)).contains("daily 2026-11-20");
      assertThat(reasons(plan, late)).contains("daily 2026-11-05");
      assertThat(reasons(plan, early)).doesNotContain("daily 2026-11-05");
      assertThat(reasons(plan, f)).contains("daily 2026-11-02");
    }

    @Test
    @DisplayName("begin in the agent's time zone: 23:30 UTC on 20 November is the 21st in Rome")
    void zone() {
      Runs h = new Runs();
      h.full("2026-11-20 22:00");
      RunId lateEvening = h.inc("2026-11-21 00:30"); // 23:30 UTC on the 20th
      RetentionPlan plan = h.plan(new KeepConfig(0, 1, 0, 0));
      assertThat(reasons(plan, lateEvening)).contains("daily 2026-11-21");
    }

    @Test
    @DisplayName("ISO weeks run Monday to Sunday, and the week of 1 January 2027 is 2026-W53")
    void isoWeeks() {
      Runs h = new Runs();
      RunId f = h.full("2026-12-27 22:00"); // Sunday, 2026-W52
      RunId newYear = h.inc("2027-01-01 22:00"); // Friday, 2026-W53
      RetentionPlan plan = h.plan(new KeepConfig(0, 0, 2, 2));
      assertThat(reasons(plan, newYear)).contains("weekly 2026-W53", "monthly 2027-01");
      assertThat(reasons(plan, f)).contains("weekly 2026-W52", "monthly 2026-12");
    }
  }

  @Test
  @DisplayName(
      "a run whose parent was removed by hand is kept, with what its manifest says it needs")
  void orphan() {
    Runs h = new Runs();
    RunId f0 = h.full("2026-11-01 22:00");
    RunId missing = Runs.id("2026-11-02 22:00", it.continuo.catalog.Level.INCREMENTAL);
    RunId orphan = h.orphan("2026-11-03 22:00", missing, f0);
    h.full("2026-11-08 22:00");
    RetentionPlan plan = h.plan(fulls(1));
    assertThat(reasons(plan, orphan))
        .containsExactly("chain unknown: its parent " + missing + " is missing or unreadable");
    assertThat(reasons(plan, f0)).contains("needed by " + orphan);
    assertThat(plan.deletedRuns()).isEmpty();
  }
}
