package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run behind the class-data archive does what every command it runs should. */
@DisplayName("the class-data training run")
class ClassDataTrainingTest {
  @Test
  @DisplayName("backs up, lists, verifies and restores a made-up tree, all with exit 0")
  void everyCommandSucceeds(@TempDir Path dir) throws Exception {
    assertThat(ClassDataTraining.train(dir)).isZero();

    Path restored = dir.resolve("restored").resolve(dir.resolve("source").toString().substring(1));
    assertThat(restored.resolve("docs/file-2.txt")).hasContent("changed");
    assertThat(restored.resolve("docs/file-3.txt")).doesNotExist();
    assertThat(Files.readSymbolicLink(restored.resolve("docs/link"))).hasToString("file-0.txt");
    assertThat(restored.resolve("docs/empty")).isEmptyDirectory();
  }
}
