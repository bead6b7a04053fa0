package it.continuo.restore;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.CraftedRun;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore never writes outside the chosen directory, whatever the target holds (DESIGN.md,
 * Security). The hostile runs are written by hand into the job's directory on the NAS; each also
 * holds an ordinary file, so that a test can tell a refused entry from a restore that did nothing.
 */
@DisplayName("Restore from a hostile or careless target")
class HostileInputTest {
  private static final String JOB = Workspace.JOB;
  private static final String RUN = "20260102T030405Z-F";
  private static final String SECRET = "the victim's content\n";

  @TempDir Path tmp;
  Workspace ws;

  /** Holds only the restore directory: whatever else appears here escaped. */
  Path box;

  Path to;

  /** A directory outside, which symlinks in hostile runs point to; it must stay empty. */
  Path outside;

  /** A file outside that hard links in hostile runs name; it must stay untouched and unlinked. */
  Path victim;

  Set<String> tmpBefore;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp.resolve("ws"));
    box = Files.createDirectories(tmp.resolve("box"));
    to = box.resolve("to");
    outside = Files.createDirectories(tmp.resolve("outside"));
    victim =
        Files.writeString(
            Files.createDirectories(tmp.resolve("victim")).resolve("secret.txt"), SECRET);
    tmpBefore = names(tmp);
  }

  CraftedRun crafted() throws Exception {
    int uid = (Integer) Files.getAttribute(tmp, "unix:uid");
    int gid = (Integer) Files.getAttribute(tmp, "unix:gid");
    return new CraftedRun(RUN, uid, gid).file("ok.txt", "an ordinary file\n");
  }

  CliResult restore(String... extra) {
    List<String> args = new ArrayList<>(List.of("restore", JOB, "--to", to.toString()));
    args.addAll(List.of(extra));
    return ws.cli(args.toArray(String[]::new));
  }

  /** Nothing appeared outside the restore directory and the victim is as it was. */
  void assertNothingOutside() throws Exception {
    assertThat(names(box)).as("next to the restore directory").containsExactly("to");
    assertThat(names(tmp)).as("two levels up").isEqualTo(tmpBefore);
    assertThat(names(outside)).as("the directory symlinks point to").isEmpty();
    assertThat(Files.readString(victim)).isEqualTo(SECRET);
    assertThat((Integer) Files.getAttribute(victim, "unix:nlink"))
        .as("hard links to the victim")
        .isEqualTo(1);
  }

  /**
   * The ordinary file of the run was restored: the restore ran, and refused only what it should.
   */
  void assertOrdinaryFileRestored() throws Exception {
    assertThat(to.resolve("ok.txt")).hasContent("an ordinary file\n");
  }

  /** Restore exits non-zero, names the entry, restores the rest and writes nothing outside. */
  void assertRefused(CliResult r, String entry) throws Exception {
    assertNothingOutside();
    assertOrdinaryFileRestored();
    assertThat(reported(r)).as(r.toString()).contains(entry);
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
  }

  /** The entries a restore reports, from its lines " PATH: why" and "warning: ...: PATH: why". */
  static Set<String> reported(CliResult r) {
    return (r.out() + r.err())
        .lines()
        .map(l -> l.replaceFirst("^warning: not restored: ", "").strip())
        .filter(l -> l.contains(": "))
        .map(l -> l.substring(0, l.indexOf(": ")))
        .collect(Collectors.toSet());
  }

  @Nested
  @DisplayName("names that leave the directory")
  class Names {
    @Test
    @DisplayName("../escape is refused and named")
    void parent() throws Exception {
      crafted().file("../escape", "escaped\n").writeTo(ws.jobDir());
      assertRefused(restore(), "../escape");
    }

    @Test
    @DisplayName("an absolute path is refused and nothing appears there")
    void absolute() throws Exception {
      Path absolute = tmp.resolve("absolute-target").resolve("file");
      crafted().file(absolute.toString(), "escaped\n").writeTo(ws.jobDir());
      CliResult r = restore();
      assertThat(absolute.getParent()).doesNotExist();
      assertRefused(r, absolute.toString());
    }

    @Test
    @DisplayName("a/../../b is refused and named")
    void dotDotInside() throws Exception {
      crafted().dir("a").file("a/../../b", "escaped\n").writeTo(ws.jobDir());
      assertRefused(restore(), "a/../../b");
      assertThat(box.resolve("b")).doesNotExist();
    }

    @Test
    @DisplayName("a deeper ../../ escape is refused and named")
    void twoLevels() throws Exception {
      crafted().file("../../escape", "escaped\n").writeTo(ws.jobDir());
      assertRefused(restore(), "../../escape");
    }

    @Test
    @DisplayName("a path with an empty segment is refused and named")
    void emptySegment() throws Exception {
      crafted().dir("d").file("d//file", "doubled slash\n").writeTo(ws.jobDir());
      assertRefused(restore(), "d//file");
    }

    @Test
    @DisplayName("an archive entry the manifest does not name is never written")
    void archiveOnlyEntry() throws Exception {
      crafted().archiveOnlyFile("../from-the-archive", "escaped\n").writeTo(ws.jobDir());
      CliResult r = restore();
      assertNothingOutside();
      assertOrdinaryFileRestored();
      assertThat(names(to)).as(r.toString()).containsExactly("ok.txt");
    }
  }

  @Nested
  @DisplayName("links that lead outside")
  class Links {
    @Test
    @DisplayName("link -> outside followed by link/file: nothing is written through the link")
    void fileBelowSymlink() throws Exception {
      crafted()
          .symlink("link", outside.toString())
          .file("link/file", "through the link\n")
          .writeTo(ws.jobDir());
      CliResult r = restore();
      assertRefused(r, "link");
      assertThat(Files.isSymbolicLink(to.resolve("link")) && Files.exists(to.resolve("link/file")))
          .as("link/file written below a symlink")
          .isFalse();
    }

    @Test
    @DisplayName("a symlink may point outside, but is made as a link and never followed")
    void symlinkOutsideIsJustALink() throws Exception {
      crafted().symlink("link", victim.toString()).writeTo(ws.jobDir());
      CliResult r = restore();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertNothingOutside();
      assertOrdinaryFileRestored();
      assertThat(Files.readSymbolicLink(to.resolve("link"))).isEqualTo(victim);
    }

    @Test
    @DisplayName("a hard link to ../victim is refused, named, and exits non-zero")
    void hardLinkRelativeOutside() throws Exception {
      String target = to.relativize(victim).toString();
      assertThat(target).startsWith("../");
      crafted().hardlink("hl", target, SECRET).writeTo(ws.jobDir());
      CliResult r = restore();
      assertThat(to.resolve("hl")).doesNotExist();
      assertRefused(r, "hl");
    }

    @Test
    @DisplayName("a hard link to an absolute path is refused, named, and exits non-zero")
    void hardLinkAbsolute() throws Exception {
      crafted().hardlink("hl", victim.toString(), SECRET).writeTo(ws.jobDir());
      CliResult r = restore();
      assertThat(to.resolve("hl")).doesNotExist();
      assertRefused(r, "hl");
    }

    @Test
    @DisplayName("a hard link whose target is reached through a symlink is never made")
    void hardLinkThroughSymlink() throws Exception {
      crafted()
          .symlink("a", victim.getParent().toString())
          .hardlink("b", "a/secret.txt", SECRET)
          .writeTo(ws.jobDir());
      CliResult r = restore();
      assertThat(
              Files.exists(to.resolve("b"), LinkOption.NOFOLLOW_LINKS)
                  && Files.isSameFile(to.resolve("b"), victim))
          .as("b is a hard link to the victim outside: %s", r)
          .isFalse();
      assertRefused(r, "b");
    }
  }

  @Nested
  @DisplayName("a restore directory that is not empty")
  class NotEmpty {
    Path file;

    @BeforeEach
    void aRealBackup() throws Exception {
      file = Files.writeString(ws.source.resolve("f.txt"), "backed up\n");
      CliResult backup = ws.cli("backup", JOB);
      assertThat(backup.exitCode()).as(backup.toString()).isZero();
    }

    Path restoredFile() {
      return to.resolve(file.toString().substring(1));
    }

    @Test
    @DisplayName("is refused without --overwrite: exit 2, nothing written")
    void refusedWithoutOverwrite() throws Exception {
      Files.createDirectories(to);
      Files.writeString(to.resolve("already-here.txt"), "mine\n");
      TreeSnapshot before = TreeSnapshot.of(to, true);
      CliResult r = restore();
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("not empty", "--overwrite");
      assertThat(TreeSnapshot.of(to, true)).isEqualTo(before);
    }

    @Test
    @DisplayName("with --overwrite, a symlink where a file goes is replaced, not written through")
    void symlinkAtFileReplaced() throws Exception {
      Files.createDirectories(restoredFile().getParent());
      Files.createSymbolicLink(restoredFile(), victim);
      CliResult r = restore("--overwrite");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertNothingOutside();
      assertThat(Files.isSymbolicLink(restoredFile())).isFalse();
      assertThat(restoredFile()).hasContent("backed up\n");
    }

    @Test
    @DisplayName("with --overwrite, a symlink where a directory goes is replaced, not followed")
    void symlinkAtDirectoryReplaced() throws Exception {
      Files.createDirectories(to);
      String first = file.toString().substring(1).split("/")[0];
      Files.createSymbolicLink(to.resolve(first), outside);
      CliResult r = restore("--overwrite");
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertNothingOutside();
      assertThat(Files.isSymbolicLink(to.resolve(first))).isFalse();
      assertThat(restoredFile()).hasContent("backed up\n");
    }
  }

  static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
