package it.continuo.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shell words")
class ShellWordsTest {

  @Test
  @DisplayName("leave plain words as they are and quote everything else")
  void quoting() {
    assertThat(ShellWords.quote("/srv/uno")).isEqualTo("/srv/uno");
    assertThat(ShellWords.quote("")).isEqualTo("''");
    assertThat(ShellWords.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellWords.quote("l'ufficio")).isEqualTo("'l'\\''ufficio'");
    assertThat(ShellWords.command("ls", "-l", "$(rm -rf /)")).isEqualTo("ls -l '$(rm -rf /)'");
  }

  @Test
  @DisplayName("reach a real shell as the same words, whatever they hold")
  void roundTrip() throws Exception {
    List<String> words =
        List.of("printf", "%s\\n", "a b", "'", "\"$HOME\"", "`id`", "*", "x;y", "è\nnewline", "-");
    Process p = new ProcessBuilder("sh", "-c", ShellWords.command(words)).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(String.join("\n", words.subList(2, words.size())) + "\n");
  }

  @Test
  @DisplayName("refuse a NUL character")
  void nul() {
    assertThatThrownBy(() -> ShellWords.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }
}
