package it.continuo.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.testing.CliResult;
import it.continuo.testing.MixedTree;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of three runs (full, incremental, incremental) damaged on the target in the ways targets
 * get damaged. Whatever the damage, verify finds it and names the run and the files, list still
 * works, and restore brings back everything that is intact and names the rest instead of writing
 * garbage.
 */
@DisplayName("Damage on the target")
class DamageTest {
  private static final String JOB = Workspace.JOB;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** In the full run only, first in tree order: compresses to almost nothing. */
  static final String EARLY = "a-first/early.txt";

  static final String CHANGED_IN_MIDDLE = "a-first/changed-in-middle.txt";
  static final String CHANGED_IN_LATEST = "a-first/changed-in-latest.txt";
  static final String DELETED_IN_LATEST = "a-first/deleted-in-latest.txt";

  /** 3 MiB of random bytes: the middle of the full run's archive lies inside it. */
  static final String MIDDLE = "m-middle.bin";

  static final String ADDED_IN_MIDDLE = "n-added-in-middle/new.txt";

  /** In the full run only, after {@link #MIDDLE} in tree order. */
  static final List<String> LAST =
      List.of("z-last/tail.bin", "z-last/tail-1.txt", "z-last/tail-2.txt");

  @TempDir Path tmp;
  Workspace ws;
  String full;
  String middle;
  String latest;
  TreeSnapshot atMiddle;
  TreeSnapshot atLatest;

  @BeforeEach
  void chainOfThreeRuns() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    Random random = new Random(7);
    Path a = Files.createDirectories(ws.source.resolve("a-first"));
    MixedTree.writeText(ws.source.resolve(EARLY), random, 20_000);
    for (int i = 0; i < 5; i++) {
      MixedTree.writeText(a.resolve("other-" + i + ".txt"), random, 5_000);
    }
    MixedTree.writeText(ws.source.resolve(CHANGED_IN_MIDDLE), random, 3_000);
    MixedTree.writeText(ws.source.resolve(CHANGED_IN_LATEST), random, 3_000);
    MixedTree.writeText(ws.source.resolve(DELETED_IN_LATEST), random, 3_000);
    MixedTree.writeRandom(ws.source.resolve(MIDDLE), random, 3 << 20);
    Files.createDirectories(ws.source.resolve("z-last"));
    MixedTree.writeRandom(ws.source.resolve(LAST.get(0)), random, 1 << 20);
    MixedTree.writeText(ws.source.resolve(LAST.get(1)), random, 10_000);
    MixedTree.writeText(ws.source.resolve(LAST.get(2)), random, 10_000);
    full = backup("F");

    Files.writeString(ws.source.resolve(CHANGED_IN_MIDDLE), "changed for the middle run\n");
    Files.createDirectories(ws.source.resolve(ADDED_IN_MIDDLE).getParent());
    Files.writeString(ws.source.resolve(ADDED_IN_MIDDLE), "added for the middle run\n");
    middle = backup("I");
    atMiddle = TreeSnapshot.of(ws.source, true);

    Files.writeString(ws.source.resolve(CHANGED_IN_LATEST), "changed for the latest run\n");
    Files.delete(ws.source.resolve(DELETED_IN_LATEST));
    latest = backup("I");
    atLatest = TreeSnapshot.of(ws.source, true);
  }

  private String backup(String level) throws Exception {
    CliResult r = ws.cli("backup", JOB);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> runs = ws.committedRuns();
    String run = runs.get(runs.size() - 1);
    assertThat(run).endsWith("-" + level);
    return run;
  }

  @Nested
  @DisplayName("none: an intact chain")
  class Intact {
    @Test
    @DisplayName("verifies, records <run>.verify.json for each run, and list shows them ok")
    void verifiesAndRecords() throws Exception {
      CliResult verify = ws.cli("verify", JOB);
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      for (String run : List.of(full, middle, latest)) {
        assertThat(verify.out()).contains(run + " ok");
        Path record = ws.jobDir().resolve(run + ".verify.json");
        assertThat(record).exists();
        assertThat(JSON.readTree(record.toFile()).get("ok").asBoolean()).isTrue();
      }
      assertThat(verificationsListed()).containsEntry(full, "ok").containsEntry(middle, "ok");
      assertThat(verificationsListed()).containsEntry(latest, "ok");
      CliResult list = ws.cli("list", JOB);
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(lineOf(list.out(), latest)).contains(" ok ");
    }

    @Test
    @DisplayName("verify --all exits 0 and restore gives the tree exactly")
    void restoresExactly() throws Exception {
      CliResult verify = ws.cli("verify", JOB, "--all");
      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      Restore r = restore();
      assertThat(r.result.exitCode()).as(r.result.toString()).isZero();
      assertThat(TreeSnapshot.of(r.root, true)).isEqualTo(atLatest);
    }
  }

  @Nested
  @DisplayName("one byte flipped in the middle of the full run's archive")
  class FlippedByte {
    @BeforeEach
    void flip() throws Exception {
      Path archive = archiveOf(full);
      Damage.flipByte(archive, Files.size(archive) / 2);
    }

    @Test
    @DisplayName("verify names the full run and the file the byte belongs to")
    void verifyNamesRunAndFile() {
      assertVerifyFinds(full, MIDDLE);
    }

    @Test
    @DisplayName("after verify, list still works and shows the full run as DAMAGED")
    void listShowsVerification() throws Exception {
      assertThat(ws.cli("verify", JOB).exitCode()).isEqualTo(1);
      CliResult list = ws.cli("list", JOB);
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(lineOf(list.out(), full)).contains("DAMAGED");
      assertThat(verificationsListed()).containsEntry(full, "DAMAGED");
    }

    @Test
    @DisplayName("restore exits 1 naming the file and restores everything else exactly")
    void restoreNamesFile() throws Exception {
      assertRestoreLoses(Set.of(MIDDLE));
    }
  }

  @Nested
  @DisplayName("the full run's archive truncated to half its size")
  class TruncatedArchive {
    @BeforeEach
    void truncate() throws Exception {
      Path archive = archiveOf(full);
      Damage.truncate(archive, Files.size(archive) / 2);
    }

    @Test
    @DisplayName("verify names the full run and the files in the lost half")
    void verifyNamesRunAndFiles() {
      assertVerifyFinds(full, MIDDLE, LAST.get(0));
    }

    @Test
    @DisplayName("list still works")
    void listWorks() throws Exception {
      assertThat(runsListed()).containsExactly(full, middle, latest);
    }

    @Test
    @DisplayName("restore exits 1 naming the lost files and restores everything else exactly")
    void restoreNamesFiles() throws Exception {
      Set<String> lost = new HashSet<>(LAST);
      lost.add(MIDDLE);
      assertRestoreLoses(lost);
    }
  }

  @Nested
  @DisplayName("the middle run's archive deleted")
  class MissingArchive {
    @BeforeEach
    void delete() throws Exception {
      Files.delete(archiveOf(middle));
    }

    @Test
    @DisplayName("verify names the middle run and the files of the latest point stored in it")
    void verifyNamesRunAndFiles() {
      assertVerifyFinds(middle, CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE);
    }

    @Test
    @DisplayName("list still works")
    void listWorks() throws Exception {
      assertThat(runsListed()).containsExactly(full, middle, latest);
    }

    @Test
    @DisplayName("restore of the latest point exits 1 naming those files, the rest is exact")
    void restoreNamesFiles() throws Exception {
      assertRestoreLoses(Set.of(CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE));
    }
  }

  @Nested
  @DisplayName("the middle run's manifest cut before its footer")
  class MiddleManifestWithoutFooter {
    @BeforeEach
    void cut() throws Exception {
      Damage.cutFooter(manifestOf(middle));
    }

    @Test
    @DisplayName("verify names the middle run and the files of the latest point stored in it")
    void verifyNamesRunAndFiles() {
      assertVerifyFinds(middle, CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE);
    }

    @Test
    @DisplayName("list still works and shows the middle run as damaged")
    void listShowsDamaged() throws Exception {
      assertListShowsDamaged(middle);
    }

    @Test
    @DisplayName("restore of the latest point exits 1 naming those files, the rest is exact")
    void restoreNamesFiles() throws Exception {
      assertRestoreLoses(Set.of(CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE));
    }
  }

  @Nested
  @DisplayName("the middle run's manifest rewritten without its last two lines")
  class MiddleManifestWithoutLastLines {
    @BeforeEach
    void rewrite() throws Exception {
      List<String> kept = Damage.dropLastLines(manifestOf(middle), 2);
      assertThat(kept).hasSizeGreaterThan(10);
    }

    @Test
    @DisplayName("verify names the middle run and the files of the latest point stored in it")
    void verifyNamesRunAndFiles() {
      assertVerifyFinds(middle, CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE);
    }

    @Test
    @DisplayName("list still works and shows the middle run as damaged")
    void listShowsDamaged() throws Exception {
      assertListShowsDamaged(middle);
    }

    @Test
    @DisplayName("restore of the latest point exits 1 naming those files, the rest is exact")
    void restoreNamesFiles() throws Exception {
      assertRestoreLoses(Set.of(CHANGED_IN_MIDDLE, ADDED_IN_MIDDLE));
    }
  }

  @Nested
  @DisplayName("the latest run's manifest cut before its footer")
  class LatestManifestWithoutFooter {
    @BeforeEach
    void cut() throws Exception {
      Damage.cutFooter(manifestOf(latest));
    }

    @Test
    @DisplayName("verify and verify --all exit 1 naming the latest run and its missing footer")
    void verifyNamesRun() {
      for (String[] args :
          List.of(new String[] {"verify", JOB}, new String[] {"verify", JOB, "--all"})) {
        CliResult verify = ws.cli(args);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).as(verify.toString()).contains(latest + " DAMAGED", "no footer");
      }
    }

    @Test
    @DisplayName("list still works and shows the latest run as damaged")
    void listShowsDamaged() throws Exception {
      assertListShowsDamaged(latest);
    }

    @Test
    @DisplayName("restore --run of the latest run exits 1 naming it and writes nothing")
    void restoreOfDamagedPointRefused() throws Exception {
      Path to = tmp.resolve("restore");
      CliResult r = ws.cli("restore", JOB, "--run", latest, "--to", to.toString());
      assertThat(r.err() + r.out()).contains(latest, "damaged");
      assertThat(!Files.exists(to) || isEmpty(to)).as("nothing written to " + to).isTrue();
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    }

    @Test
    @DisplayName("restore without --run restores the newest intact point and names it")
    void restoreFallsBackToIntactPoint() throws Exception {
      Restore r = restore();
      assertThat(r.result.exitCode()).as(r.result.toString()).isZero();
      assertThat(r.result.out()).contains("restored " + JOB + " " + middle + " ");
      assertThat(TreeSnapshot.of(r.root, true)).isEqualTo(atMiddle);
    }
  }

  // --- what every kind of damage must show

  /** verify (the latest chain) and verify --all exit 1, naming {@code run} and the files. */
  void assertVerifyFinds(String run, String... affected) {
    for (String[] args :
        List.of(new String[] {"verify", JOB}, new String[] {"verify", JOB, "--all"})) {
      CliResult verify = ws.cli(args);
      assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
      assertThat(verify.out()).as(verify.toString()).contains(run + " DAMAGED");
      for (String file : affected) {
        assertThat(verify.out()).as(verify.toString()).contains(path(file));
      }
    }
  }

  void assertListShowsDamaged(String run) throws Exception {
    CliResult list = ws.cli("list", JOB);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(lineOf(list.out(), run)).contains("DAMAGED");
    CliResult json = ws.cli("list", JOB, "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    Map<String, String> damage = new TreeMap<>();
    for (JsonNode p : JSON.readTree(json.out())) {
      if (p.has("damage")) {
        damage.put(p.get("run").asText(), p.get("damage").asText());
      }
    }
    assertThat(damage).containsOnlyKeys(run);
    assertThat(runsListed()).containsExactly(full, middle, latest);
  }

  /**
   * Restore of the latest point exits 1 and names each of {@code lost}; none of them is left under
   * its own name (a damaged copy may be kept aside as NAME.continuo-damaged), and everything else
   * is exactly as backed up.
   */
  void assertRestoreLoses(Set<String> lost) throws Exception {
    Restore r = restore();
    assertThat(r.result.exitCode()).as(r.result.toString()).isEqualTo(1);
    for (String file : lost) {
      assertThat(r.result.out()).as(r.result.toString()).contains(path(file));
    }
    Map<String, TreeSnapshot.State> restored =
        new TreeMap<>(TreeSnapshot.of(r.root, true).entries());
    restored.keySet().removeIf(k -> k.endsWith(".continuo-damaged"));
    assertThat(restored.keySet())
        .as("lost files left under their own name")
        .doesNotContainAnyElementsOf(lost);
    Map<String, TreeSnapshot.State> expected = new TreeMap<>(atLatest.entries());
    expected.keySet().removeAll(lost);
    assertThat(restored)
        .as("restored apart from the lost files, after %s", r.result)
        .isEqualTo(expected);
  }

  // --- helpers

  record Restore(CliResult result, Path root) {}

  Restore restore() {
    Path to = tmp.resolve("restore");
    CliResult r = ws.cli("restore", JOB, "--to", to.toString());
    return new Restore(r, to.resolve(ws.source.toString().substring(1)));
  }

  /** A source-relative name as manifests and messages spell it. */
  String path(String relative) {
    return ws.source.toString().substring(1) + "/" + relative;
  }

  Path archiveOf(String run) {
    return ws.jobDir().resolve(run + ".tar.zst");
  }

  Path manifestOf(String run) {
    return ws.jobDir().resolve(run + ".manifest.jsonl.zst");
  }

  List<String> runsListed() throws Exception {
    CliResult list = ws.cli("list", JOB, "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    List<String> runs = new ArrayList<>();
    for (JsonNode p : JSON.readTree(list.out())) {
      runs.add(p.get("run").asText());
    }
    return runs;
  }

  Map<String, String> verificationsListed() throws Exception {
    CliResult list = ws.cli("list", JOB, "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    Map<String, String> v = new HashMap<>();
    for (JsonNode p : JSON.readTree(list.out())) {
      v.put(p.get("run").asText(), p.get("verification").asText());
    }
    return v;
  }

  static String lineOf(String listing, String run) {
    return listing
        .lines()
        .filter(l -> l.startsWith(run))
        .findFirst()
        .orElse("(no line for " + run + ")\n" + listing);
  }

  static boolean isEmpty(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
