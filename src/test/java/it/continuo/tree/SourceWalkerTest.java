package it.continuo.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The source walk")
class SourceWalkerTest {
  @TempDir Path root;

  List<String> walk(List<Path> roots, List<String> excludes) throws Exception {
    String prefix = root.toString().substring(1) + "/";
    return new SourceWalker(roots, new Excludes(excludes))
        .remaining().stream()
            .map(f -> f.path().startsWith(prefix) ? f.path().substring(prefix.length()) : f.path())
            .toList();
  }

  @Test
  @DisplayName("visits depth first in tree order, a directory right before its contents")
  void order() throws Exception {
    for (String d : List.of("b", "a", "a/x", "a b")) {
      Files.createDirectories(root.resolve(d));
    }
    for (String f : List.of("a.txt", "a/x/2", "a/x/1", "a b/f", "b/z")) {
      Files.writeString(root.resolve(f), f);
    }
    assertThat(
            walk(
                List.of(
                    root.resolve("b"),
                    root.resolve("a"),
                    root.resolve("a b"),
                    root.resolve("a.txt")),
                List.of()))
        .containsExactly("a", "a/x", "a/x/1", "a/x/2", "a b", "a b/f", "a.txt", "b", "b/z");
  }

  @Test
  @DisplayName("leaves out excluded names and paths, and does not enter excluded directories")
  void excludes() throws Exception {
    Files.createDirectories(root.resolve("d/cache/deep"));
    Files.createDirectories(root.resolve("d/tmp"));
    Files.writeString(root.resolve("d/keep.txt"), "");
    Files.writeString(root.resolve("d/skip.tmp"), "");
    Files.writeString(root.resolve("d/cache/deep/x"), "");
    Files.writeString(root.resolve("d/tmp/y"), "");
    assertThat(walk(List.of(root.resolve("d")), List.of("*.tmp", "cache", root + "/d/tmp/**")))
        .containsExactly("d", "d/keep.txt", "d/tmp");
  }

  @Test
  @DisplayName(
      "reports links, special files and unlistable directories without following or failing")
  void kinds() throws Exception {
    Files.createDirectories(root.resolve("d"));
    Files.createSymbolicLink(root.resolve("d/link"), Path.of("/etc"));
    new ProcessBuilder("mkfifo", root.resolve("d/fifo").toString()).start().waitFor();
    List<FileInfo> all =
        new SourceWalker(List.of(root.resolve("d")), new Excludes(List.of())).remaining();
    assertThat(all)
        .extracting(FileInfo::kind)
        .containsExactly(FileKind.DIR, FileKind.OTHER, FileKind.SYMLINK);
    assertThat(all.get(1).note()).isEqualTo("FIFO");
    assertThat(all.get(2).linkTarget()).isEqualTo("/etc");
  }
}
