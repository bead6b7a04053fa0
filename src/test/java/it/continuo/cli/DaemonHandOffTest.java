package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.catalog.Level;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command's side of handing a backup to the daemon: the protocol's lines, and the command lines
 * offered to the daemon before the parser is built, which must mean what the parser makes of them.
 * The hand-off itself, between real processes, is in {@code DaemonIT}.
 */
class DaemonHandOffTest {
  @Nested
  @DisplayName("a control message")
  class Messages {
    @Test
    void readsBackWhatItWrote() throws Exception {
      ControlMessage m =
          ControlMessage.parse(
              ControlMessage.of("v", 1)
                  .with("config", "/etc/continuo/continuo.yaml")
                  .with("job", "gestionale \"nas\"\n")
                  .with("level", null)
                  .with("json", true)
                  .with("progress", new long[] {67_239, 217_000_000_000L})
                  .line());
      assertThat(m.number("v")).isEqualTo(1);
      assertThat(m.text("config")).isEqualTo("/etc/continuo/continuo.yaml");
      assertThat(m.text("job")).isEqualTo("gestionale \"nas\"\n");
      assertThat(m.has("level")).isTrue();
      assertThat(m.text("level")).isNull();
      assertThat(m.flag("json")).isTrue();
      assertThat(m.numbers("progress")).containsExactly(67_239, 217_000_000_000L);
      assertThat(m.has("exit")).isFalse();
    }

    @Test
    void isOneLine() throws Exception {
      assertThat(ControlMessage.of("out", "a\nb").line()).doesNotContain("\n");
    }
  }

  @Nested
  @DisplayName("a command line offered before the parser is built")
  class QuickForms {
    @Test
    void meansWhatTheParserMakesOfIt() {
      for (String line :
          List.of(
              "backup docs",
              "-c /etc/c.yaml backup docs",
              "--config /etc/c.yaml backup docs --full",
              "--config=/etc/c.yaml backup docs --incremental --json",
              "backup docs --json --full")) {
        String[] args = line.split(" ");
        DaemonClient.QuickForm quick = DaemonClient.QuickForm.of(args);
        assertThat(quick).as(line).isNotNull();
        CommandLine cli = ContinuoCommand.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        ContinuoCommand root = cli.getCommand();
        BackupCommand backup = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(quick.config()).as(line).isEqualTo(root.config);
        assertThat(quick.job()).as(line).isEqualTo(backup.jobName);
        Level level =
            backup.level == null ? null : backup.level.full ? Level.FULL : Level.INCREMENTAL;
        assertThat(quick.level()).as(line).isEqualTo(level);
        assertThat(quick.json()).as(line).isEqualTo(backup.json);
        assertThat(backup.here).isFalse();
      }
    }

    @Test
    void leavesEverythingElseToTheParser() {
      for (String line :
          List.of(
              "backup",
              "backup --full",
              "backup docs --here",
              "backup docs --full --incremental",
              "backup docs --json --json",
              "backup docs --help",
              "-v backup docs",
              "-cFILE backup docs",
              "backup docs other",
              "list docs",
              "-c")) {
        assertThat(DaemonClient.QuickForm.of(line.split(" "))).as(line).isNull();
      }
    }

    @Test
    void keepsTheFileAsGiven() {
      assertThat(DaemonClient.QuickForm.of(new String[] {"-c", "rel.yaml", "backup", "j"}).config())
          .isEqualTo(Path.of("rel.yaml"));
    }
  }
}
