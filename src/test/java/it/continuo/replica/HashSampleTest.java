package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The choice of files to hash")
class HashSampleTest {
  @TempDir Path dir;

  static final long OLD = 1_000L;
  static final long NEW = 5_000L;
  static final long SINCE = 2_000L;

  List<String> choose(long budget, long day, int files, int recentEvery) throws Exception {
    try (HashSample s = new HashSample(dir, "t" + day + "-" + budget, SINCE, budget)) {
      for (int i = 0; i < files; i++) {
        s.offer(("f" + i).getBytes(StandardCharsets.UTF_8), 100, i % recentEvery == 0 ? NEW : OLD);
      }
      HashSample.Selection sel = s.select(day);
      String list = Files.readString(sel.list(), StandardCharsets.UTF_8);
      List<String> chosen = list.isEmpty() ? List.of() : Arrays.asList(list.split("\0"));
      assertThat(sel.files()).isEqualTo(chosen.size());
      assertThat(sel.bytes()).isEqualTo(100L * chosen.size()).isLessThanOrEqualTo(budget);
      return chosen;
    }
  }

  @Test
  @DisplayName("hashes every file when the tree fits in the budget")
  void all() throws Exception {
    assertThat(choose(100_000, 0, 1000, 7)).hasSize(1000);
  }

  @Test
  @DisplayName("takes the files changed since the last check first")
  void recentFirst() throws Exception {
    List<String> chosen = choose(100 * 50, 0, 1000, 10); // 100 recent files, room for 50
    assertThat(chosen).hasSize(50).allMatch(n -> Integer.parseInt(n.substring(1)) % 10 == 0);
  }

  @Test
  @DisplayName("fills the rest of the budget with a sample, and covers every file over the days")
  void rotates() throws Exception {
    Set<String> seen = new HashSet<>();
    int days = 0;
    while (seen.size() < 1000 && days < 40) {
      List<String> chosen = choose(100 * 100, days, 1000, Integer.MAX_VALUE);
      assertThat(chosen.size()).isBetween(80, 100);
      seen.addAll(chosen);
      days++;
    }
    assertThat(seen).hasSize(1000);
    assertThat(days).isLessThanOrEqualTo(15);
  }

  @Test
  @DisplayName("hashes nothing with no budget")
  void none() throws Exception {
    assertThat(choose(0, 0, 10, 2)).isEmpty();
  }
}
