package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.continuo.config.RunbookConfig;
import it.continuo.failover.Change;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The fence chain, with in-process methods")
class FenceStepTest {
  final List<String> timeline = new ArrayList<>();
  final List<String> tried = new ArrayList<>();

  StepContext context() {
    RunbookConfig runbook = new RunbookConfig("lab", null, null, null, null, List.of(), null);
    return StepContext.builder(runbook).log(timeline::add).build();
  }

  /** A method that succeeds, or fails with {@code reason}, transient or not. */
  Fencing method(String name, String reason, boolean transientFailure) {
    return new Fencing() {
      @Override
      public String describe() {
        return name;
      }

      @Override
      public List<Change> plan(StepContext context) {
        return List.of(Change.note(name + " looked"));
      }

      @Override
      public void fence(StepContext context) throws FencingFailed {
        tried.add(name);
        if (reason != null) {
          throw new FencingFailed(name + ": " + reason, transientFailure);
        }
      }
    };
  }

  Fencing ok(String name) {
    return method(name, null, false);
  }

  @Nested
  @DisplayName("running")
  class Running {
    @Test
    @DisplayName("stops at the first method that succeeds, and logs every attempt")
    void firstSuccess() throws Exception {
      FenceStep step = new FenceStep(List.of(method("a", "no", false), ok("b"), ok("c")));
      StepOutcome outcome = step.run(context());
      assertThat(tried).containsExactly("a", "b");
      assertThat(outcome.lines()).containsExactly("failed: a: no", "fenced by b");
      assertThat(timeline)
          .containsExactly(
              "fence: trying a", "fence: failed: a: no", "fence: trying b", "fence: done by b");
    }

    @Test
    @DisplayName("all failing: one error with every reason, in order, not retryable")
    void allFail() {
      FenceStep step =
          new FenceStep(
              List.of(method("a", "exited 1", false), method("b", "still answers", true)));
      StepException e = catchThrowableOfType(() -> step.run(context()), StepException.class);
      assertThat(e.getMessage()).isEqualTo("fence failed: a: exited 1; b: still answers");
      assertThat(e.retryable()).isFalse();
      assertThat(tried).containsExactly("a", "b");
    }

    @Test
    @DisplayName("all failing transiently: retryable")
    void allTransient() {
      FenceStep step =
          new FenceStep(List.of(method("a", "unreachable", true), method("b", "answers", true)));
      StepException e = catchThrowableOfType(() -> step.run(context()), StepException.class);
      assertThat(e.retryable()).isTrue();
    }

    @Test
    @DisplayName("has no undo")
    void noUndo() {
      assertThat(new FenceStep(List.of(ok("a"))).undoable()).isFalse();
    }
  }

  @Nested
  @DisplayName("planning")
  class Planning {
    @Test
    @DisplayName("says which method comes first and which follow, and tries none")
    void plan() throws Exception {
      FenceStep step = new FenceStep(List.of(ok("a"), ok("b")));
      assertThat(step.plan(context()))
          .extracting(Change::toString)
          .containsExactly(
              "note: tried first: a", "note: a looked", "note: if it fails: b", "note: b looked");
      assertThat(tried).isEmpty();
      assertThat(step.describe()).isEqualTo("fence a, else b");
    }
  }
}
