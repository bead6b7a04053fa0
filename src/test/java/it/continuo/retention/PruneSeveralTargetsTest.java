package it.continuo.retention;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.backup.BackupEngine;
import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.testing.TestClock;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two targets, one of which missed a full: the next incremental builds on the newest run both hold,
 * in the older chain, so on the other target that incremental is not in the chain of the full
 * listed just before it.
 */
@DisplayName("Pruning a job with two targets, one of which missed a full")
class PruneSeveralTargetsTest {
  static final ZoneId ROME = ZoneId.of("Europe/Rome");

  @TempDir Path tmp;

  @Test
  @DisplayName("keeps the incremental's real chain, and later deletes both old chains whole")
  void crossChain() throws Exception {
    Workspace ws = new Workspace(tmp.resolve("ws"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    ws.useTargets("second: { type: local, path: \"" + second + "\" }", "nas", "second");
    ws.writeConfig("", "keep: { fulls: 1 }");
    Config config = new ConfigLoader().load(ws.config);
    TestClock clock = new TestClock(Instant.EPOCH);
    BackupEngine backup = new BackupEngine(config, clock, "test");

    String f1 = run(ws, backup, config, clock, "2026-11-01T22:00", Level.FULL);
    Files.move(second, tmp.resolve("second-unmounted"));
    String f2 = run(ws, backup, config, clock, "2026-11-08T22:00", Level.FULL); // nas only
    Files.move(tmp.resolve("second-unmounted"), second);
    String i3 = run(ws, backup, config, clock, "2026-11-09T22:00", Level.INCREMENTAL);

    assertThat(ws.committedRuns()).containsExactly(f1, f2, i3);
    Map<String, PruneResult> first = prune(config);
    RetentionPlan nas = first.get("nas").plan();
    assertThat(nas.deletedRuns()).isEmpty();
    assertThat(nas.run(id(i3)).orElseThrow().reasons()).contains("newest chain");
    assertThat(nas.run(id(f1)).orElseThrow().reasons()).contains("newest chain");
    assertThat(nas.run(id(f2)).orElseThrow().reasons()).containsExactly("fulls 1");
    assertThat(first.get("second").plan().deletedRuns()).isEmpty();

    String f4 = run(ws, backup, config, clock, "2026-11-15T22:00", Level.FULL);
    String i5 = run(ws, backup, config, clock, "2026-11-16T22:00", Level.INCREMENTAL);
    Map<String, PruneResult> later = prune(config);
    assertThat(later.get("nas").deleted()).extracting(RunId::toString).containsExactly(i3, f1, f2);
    assertThat(later.get("second").deleted()).extracting(RunId::toString).containsExactly(i3, f1);
    assertThat(ws.committedRuns()).containsExactly(f4, i5);
  }

  static RunId id(String run) {
    return RunId.parse(run).orElseThrow();
  }

  static String run(
      Workspace ws,
      BackupEngine backup,
      Config config,
      TestClock clock,
      String localTime,
      Level level)
      throws Exception {
    Files.writeString(ws.source.resolve("changing.txt"), localTime);
    clock.set(LocalDateTime.parse(localTime).atZone(ROME).toInstant());
    var result = backup.backup(config.job(Workspace.JOB), level, Listener.NONE, new Progress());
    assertThat(result.run()).as(result.toString()).endsWith("-" + level.letter());
    return result.run();
  }

  static Map<String, PruneResult> prune(Config config) throws Exception {
    List<PruneResult> results =
        new PruneEngine(config, java.time.Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ROME))
            .prune(config.job(Workspace.JOB), PruneOptions.everyTarget());
    assertThat(results).allMatch(PruneResult::ok);
    return results.stream().collect(Collectors.toMap(PruneResult::target, r -> r));
  }
}
