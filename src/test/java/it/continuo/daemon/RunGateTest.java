package it.continuo.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Who may run now: one run per target, and at most so many runs at once. */
class RunGateTest {
  final AtomicBoolean stop = new AtomicBoolean();

  /** Enters the gate on another thread; completes with the pass once in. */
  CompletableFuture<RunGate.Pass> enter(RunGate gate, String... targets) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return gate.enter(List.of(targets), stop::get);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void runsSharingATargetGoOneAtATime() throws Exception {
    RunGate gate = new RunGate(4);
    RunGate.Pass first = gate.enter(List.of("nas", "cloud"), stop::get);

    CompletableFuture<RunGate.Pass> second = enter(gate, "cloud");
    assertThat(waitBriefly(second)).as("waits while the first holds cloud").isFalse();

    first.close();
    second.get(5, TimeUnit.SECONDS).close();
  }

  @Test
  void runsOnDifferentTargetsOverlap() throws Exception {
    RunGate gate = new RunGate(2);
    try (RunGate.Pass nas = gate.enter(List.of("nas"), stop::get);
        RunGate.Pass cloud = enter(gate, "cloud").get(5, TimeUnit.SECONDS)) {
      assertThat(nas).isNotNull();
      assertThat(cloud).isNotNull();
    }
  }

  @Test
  void noMoreThanMaxConcurrentRunsGoAtOnce() throws Exception {
    RunGate gate = new RunGate(1);
    RunGate.Pass nas = gate.enter(List.of("nas"), stop::get);

    CompletableFuture<RunGate.Pass> cloud = enter(gate, "cloud");
    assertThat(waitBriefly(cloud)).isFalse();

    nas.close();
    cloud.get(5, TimeUnit.SECONDS).close();
  }

  @Test
  void aWaitingRunGivesUpWhenTheDaemonStops() throws Exception {
    RunGate gate = new RunGate(2);
    try (RunGate.Pass held = gate.enter(List.of("nas"), stop::get)) {
      CompletableFuture<RunGate.Pass> waiting = enter(gate, "nas");
      stop.set(true);
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
    }
    stop.set(false);
    // What it had taken on its way in was given back: the gate is free again.
    gate.enter(List.of("nas"), stop::get).close();
  }

  @Test
  void twoRunsTakingTheSameTargetsInOppositeOrderDoNotDeadlock() throws Exception {
    RunGate gate = new RunGate(2);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> runs =
        List.of(List.of("a", "b"), List.of("b", "a")).stream()
            .map(
                targets ->
                    CompletableFuture.runAsync(
                        () -> {
                          try {
                            go.await();
                            for (int i = 0; i < 200; i++) {
                              gate.enter(targets, stop::get).close();
                            }
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                        }))
            .toList();
    go.countDown();
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
  }

  /** True when {@code f} completes within half a second (used only to see that it does not). */
  static boolean waitBriefly(CompletableFuture<?> f) {
    try {
      f.get(500, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
