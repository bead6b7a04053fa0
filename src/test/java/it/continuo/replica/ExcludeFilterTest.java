package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exclude globs of a replica")
class ExcludeFilterTest {
  ExcludeFilter f = new ExcludeFilter(List.of("*.tmp", "cache/**", "/logs/*.gz", "{a,b}.swp"));

  @Test
  @DisplayName("a pattern without '/' matches a name anywhere, and what is under it")
  void names() {
    assertThat(f.excludes("x.tmp")).isTrue();
    assertThat(f.excludes("d/e/x.tmp")).isTrue();
    assertThat(f.excludes("d.tmp/inside")).isTrue();
    assertThat(f.excludes("x.tmpl")).isFalse();
    assertThat(f.excludes("a.swp")).isTrue();
    assertThat(f.excludes("c.swp")).isFalse();
  }

  @Test
  @DisplayName("a pattern with '/' matches the path from the root")
  void paths() {
    assertThat(f.excludes("cache")).isFalse();
    assertThat(f.excludes("cache/a/b")).isTrue();
    assertThat(f.excludes("d/cache/a")).isFalse();
    assertThat(f.excludes("logs/x.gz")).isTrue();
    assertThat(f.excludes("logs/old/x.gz")).isFalse();
  }
}
