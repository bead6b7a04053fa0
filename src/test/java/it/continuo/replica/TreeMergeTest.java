package it.continuo.replica;

import static it.continuo.replica.Entries.dir;
import static it.continuo.replica.Entries.file;
import static it.continuo.replica.Entries.link;
import static it.continuo.replica.Entries.nanos;
import static it.continuo.replica.Entries.source;
import static it.continuo.replica.Entries.withMode;
import static it.continuo.replica.Entries.withOwner;
import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.replica.Difference.Kind;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The merge of two sorted listings")
class TreeMergeTest {
  static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-26T04:10:00Z");
  static final Instant T2 = Instant.parse("2026-11-26T04:20:00Z");
  static final Instant ROOT = Instant.parse("2026-11-26T04:30:00Z");

  Findings findings = new Findings();

  void merge(EntrySource primary, EntrySource secondary) throws Exception {
    new TreeMerge(findings, "", 1, null).run(primary, secondary, nanos(ROOT));
  }

  @Nested
  @DisplayName("finds")
  class Finds {
    @Test
    @DisplayName("nothing in identical trees, and counts entries and bytes")
    void identical() throws Exception {
      merge(
          source(dir("a", T0), file("a/x", 10, T0), file("b", 5, T1)),
          source(dir("a", T2), file("a/x", 10, T0), file("b", 5, T1)));
      assertThat(findings.any()).isFalse();
      assertThat(findings.primaryEntries).isEqualTo(3);
      assertThat(findings.primaryBytes).isEqualTo(15);
      assertThat(findings.secondaryEntries).isEqualTo(3);
    }

    @Test
    @DisplayName("a missing file, pending since its mtime")
    void missing() throws Exception {
      merge(source(file("a", 3, T0), file("b", 4, T1)), source(file("b", 4, T1)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(Kind.MISSING, "a", "file of 3 B on the primary only", T0));
      assertThat(findings.oldestPending()).isEqualTo(T0);
      assertThat(findings.unexplained()).isFalse();
    }

    @Test
    @DisplayName("an extra file, pending since the mtime of the primary's directory above it")
    void extra() throws Exception {
      merge(
          source(dir("d", T2), file("d/keep", 1, T0)),
          source(dir("d", T2), file("d/gone", 2, T0), file("d/keep", 1, T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(Kind.EXTRA, "d/gone", "file of 2 B on the secondary only", T2));
    }

    @Test
    @DisplayName(
        "an extra directory's content, pending since the root's mtime when no directory above it is left")
    void extraTree() throws Exception {
      merge(source(), source(dir("x", T0), file("x/y", 1, T0)));
      assertThat(findings.differences())
          .extracting(Difference::path, Difference::changedAt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("x", ROOT),
              org.assertj.core.groups.Tuple.tuple("x/y", ROOT));
      assertThat(findings.extra).isEqualTo(2);
    }

    @Test
    @DisplayName("an extra file younger than the primary's directory: written on the secondary")
    void extraWrittenOnSecondary() throws Exception {
      merge(source(dir("d", T0)), source(dir("d", T0), file("d/new", 2, T1)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.EXTRA,
                  "d/new",
                  "file of 2 B on the secondary only, modified after the primary last changed its"
                      + " directory",
                  null));
      assertThat(findings.unexplained()).isTrue();
    }

    @Test
    @DisplayName("a changed size and mtime, pending since the primary's mtime")
    void changedContent() throws Exception {
      merge(source(file("f", 12, T1)), source(file("f", 10, T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED,
                  "f",
                  "size 12 B vs 10 B, modified 2026-11-26 04:10:00 vs 2026-11-26 04:00:00",
                  T1));
    }

    @Test
    @DisplayName("a file newer on the secondary: not a pending copy")
    void newerOnSecondary() throws Exception {
      merge(source(file("f", 10, T0)), source(file("f", 10, T1)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED,
                  "f",
                  "newer on the secondary: modified 2026-11-26 04:00:00 vs 2026-11-26 04:10:00",
                  null));
      assertThat(findings.unexplained()).isTrue();
    }

    @Test
    @DisplayName("a mode change, pending since the primary's ctime")
    void mode() throws Exception {
      merge(source(withMode(file("f", 1, T0), 0600, T2)), source(file("f", 1, T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED, "f", "mode 600 on the primary, 644 on the secondary", T2));
    }

    @Test
    @DisplayName("an owner change, and a mode change, in one difference")
    void ownerAndMode() throws Exception {
      merge(
          source(withOwner(withMode(dir("d", T0), 0700, T1), 1000, 100, T1)), source(dir("d", T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED,
                  "d",
                  "mode 700 on the primary, 755 on the secondary; owner 1000:100 on the primary,"
                      + " 0:0 on the secondary",
                  T1));
    }

    @Test
    @DisplayName("a retargeted symlink")
    void symlink() throws Exception {
      merge(source(link("l", "a.txt", T1)), source(link("l", "b.txt", T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED,
                  "l",
                  "symlink to a.txt on the primary, to b.txt on the secondary",
                  T1));
    }

    @Test
    @DisplayName("a type change")
    void type() throws Exception {
      merge(source(dir("x", T1)), source(file("x", 1, T0)));
      assertThat(findings.differences())
          .containsExactly(
              new Difference(
                  Kind.CHANGED, "x", "a directory on the primary, a file on the secondary", T1));
    }
  }

  @Nested
  @DisplayName("ignores")
  class Ignores {
    @Test
    @DisplayName("directory mtimes and sizes")
    void directoryTimes() throws Exception {
      merge(source(dir("d", T0)), source(dir("d", T2)));
      assertThat(findings.any()).isFalse();
    }

    @Test
    @DisplayName("mtimes below the coarser side's precision (SFTP: seconds)")
    void precision() throws Exception {
      new TreeMerge(findings, "", 1_000_000_000L, null)
          .run(source(file("f", 1, T0.plusMillis(700))), source(file("f", 1, T0)), nanos(ROOT));
      assertThat(findings.any()).isFalse();
    }
  }

  @Test
  @DisplayName("offers equal-looking files, and only those, to the hash sample")
  void offersEqualFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (HashSample sample = new HashSample(dir, "t", Long.MAX_VALUE, 1 << 20)) {
      new TreeMerge(findings, "", 1, sample)
          .run(
              source(file("a", 1, T0), file("b", 2, T1), dir("c", T0)),
              source(file("a", 1, T0), file("b", 3, T0), dir("c", T0)),
              nanos(ROOT));
      HashSample.Selection s = sample.select(0);
      assertThat(s.files()).isEqualTo(1);
      assertThat(java.nio.file.Files.readAllBytes(s.list())).isEqualTo("a\0".getBytes());
    }
  }

  @Test
  @DisplayName("prefixes paths with the root when the replica has several")
  void prefix() throws Exception {
    new TreeMerge(findings, "/srv/uno/", 1, null)
        .run(source(file("a", 1, T0)), source(), nanos(ROOT));
    assertThat(findings.differences()).extracting(Difference::path).containsExactly("/srv/uno/a");
  }

  @Test
  @DisplayName("keeps 1000 differences, and counts them all")
  void truncates() throws Exception {
    Entry[] many = new Entry[1500];
    for (int i = 0; i < many.length; i++) {
      many[i] = file(String.format("f%05d", i), 1, T0);
    }
    merge(source(many), source());
    assertThat(findings.missing).isEqualTo(1500);
    assertThat(findings.differences()).hasSize(1000);
    assertThat(findings.truncated()).isTrue();
  }
}
