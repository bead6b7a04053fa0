package it.continuo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.wrap.Backoff;
import it.continuo.storage.wrap.FaultyTarget;
import it.continuo.storage.wrap.FaultyTarget.Faults;
import it.continuo.storage.wrap.RetryingTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract holds on a target that fails every fifth request, every 1 MiB written and every 700
 * kB read, once retries are wrapped around it: the faults are invisible to callers.
 */
@DisplayName("A faulty target behind the retry wrapper keeps the target contract")
class FaultyTargetContractTest extends TargetContract {
  static final AtomicLong injected = new AtomicLong();

  @TempDir Path dir;
  FaultyTarget faulty;

  @Override
  protected Target openTarget() throws Exception {
    faulty = new FaultyTarget(new LocalTarget("flaky", dir), new Faults(5, 1 << 20, 700_000));
    return new RetryingTarget(faulty, new Backoff(6, Duration.ofMillis(1), d -> {}));
  }

  @Override
  protected List<String> incompleteUploads(Target target, String prefix) throws Exception {
    injected.addAndGet(faulty.injected());
    return partialFiles(dir, prefix);
  }

  @AfterAll
  static void faultsWereInjected() {
    assertThat(injected.get()).as("faults injected during the suite").isGreaterThan(3);
  }
}
