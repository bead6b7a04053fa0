package it.continuo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line builds only the command it is asked for (a cold start spends most of its time on
 * the reflection behind each command's model) and still behaves as if it knew them all.
 */
@DisplayName("the command line")
class CommandLineTest {
  @Nested
  @DisplayName("finds the command's name")
  class CommandName {
    @Test
    void asTheFirstWord() {
      assertThat(ContinuoCommand.commandName(new String[] {"backup", "docs"})).isEqualTo("backup");
    }

    @Test
    void afterTheGlobalOptionsAndTheirValues() {
      assertThat(name("-c", "backup", "list")).isEqualTo("list");
      assertThat(name("--config", "verify", "-v", "restore", "x")).isEqualTo("restore");
      assertThat(name("--config=backup", "status")).isEqualTo("status");
      assertThat(name("-cbackup", "status")).isEqualTo("status");
      assertThat(name("-vc", "backup", "status")).isEqualTo("status");
      assertThat(name("-v", "--verbose", "report")).isEqualTo("report");
      assertThat(name("--", "backup")).isEqualTo("backup");
    }

    @Test
    void noneWhenOnlyOptionsAreGiven() {
      assertThat(name()).isNull();
      assertThat(name("--help")).isNull();
      assertThat(name("-c", "file.yaml")).isNull();
    }

    private String name(String... args) {
      return ContinuoCommand.commandName(args);
    }
  }

  @Nested
  @DisplayName("builds")
  class Builds {
    @Test
    void onlyTheCommandNamed() {
      CommandLine cli = ContinuoCommand.commandLine(new String[] {"-c", "x.yaml", "backup", "j"});
      assertThat(cli.getSubcommands()).containsOnlyKeys("backup");
    }

    @Test
    void everyCommandWhenNoneOrAnUnknownOneIsNamed() {
      int all = ContinuoCommand.COMMANDS.size();
      assertThat(ContinuoCommand.commandLine(new String[] {"--help"}).getSubcommands())
          .hasSize(all);
      assertThat(ContinuoCommand.commandLine(new String[] {"bakup"}).getSubcommands()).hasSize(all);
    }
  }

  @Test
  @DisplayName("lists every command in --help")
  void helpListsEveryCommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(out));
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "check-config",
            "backup",
            "list",
            "restore",
            "verify",
            "run",
            "reload",
            "status",
            "prune",
            "catalog",
            "report",
            "health",
            "ack",
            "incidents",
            "failover",
            "replica");
  }

  @Test
  @DisplayName("suggests the command meant after a typo")
  void suggestsAfterATypo() {
    StringWriter err = new StringWriter();
    int code =
        Main.run(new String[] {"bakup", "docs"}, new PrintWriter(new StringWriter()), err(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument", "bakup", "backup");
  }

  @Test
  @DisplayName("runs the subcommands of a command built alone")
  void nestedCommands() {
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {"failover", "plan", "--help"},
            new PrintWriter(out),
            err(new StringWriter()));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: continuo failover plan");
  }

  private static PrintWriter err(StringWriter w) {
    return new PrintWriter(w, true);
  }
}
