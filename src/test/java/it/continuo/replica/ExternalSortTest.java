package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Sorting a listing on disk")
class ExternalSortTest {
  @TempDir Path dir;

  @Test
  @DisplayName("puts a directory right before what it holds: '/' sorts before every other byte")
  void order() {
    List<String> paths = new ArrayList<>(List.of("a b", "a/b", "a", "a/b/c", "a-", "\u00e9", "b"));
    paths.sort((x, y) -> PathOrder.INSTANCE.compare(Entries.b(x), Entries.b(y)));
    assertThat(paths).containsExactly("a", "a/b", "a/b/c", "a b", "a-", "b", "\u00e9");
  }

  @Test
  @DisplayName("merges many spilled chunks into one sorted listing, keeping every field")
  void spills() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      names.add("d" + (i % 37) + "/f" + i);
    }
    Collections.shuffle(names, new Random(1));
    Instant t = Instant.parse("2026-11-26T04:00:00Z");
    try (ExternalSort sort = new ExternalSort(dir, "x", 4096)) {
      for (String n : names) {
        sort.add(Entries.link(n, "target-" + n, t));
      }
      assertThat(Files.list(dir).count()).isGreaterThan(10);
      List<String> out = new ArrayList<>();
      try (EntrySource s = sort.sorted()) {
        for (Entry e; (e = s.next()) != null; ) {
          assertThat(e.targetText()).isEqualTo("target-" + e.pathText());
          out.add(e.pathText());
        }
      }
      List<String> expected = new ArrayList<>(names);
      expected.sort(
          (x, y) ->
              PathOrder.INSTANCE.compare(
                  x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
      assertThat(out).isEqualTo(expected);
    }
    assertThat(Files.list(dir).count()).isZero();
  }
}
