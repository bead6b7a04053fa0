package it.continuo.cli;

import it.continuo.catalog.Level;
import it.continuo.config.Config;
import it.continuo.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command's end of the daemon's {@link ControlSocket}: hands a backup to the daemon of the
 * agent when one runs with the same configuration file, shows what the daemon says about it as the
 * command itself would, and returns the run's exit code. When no daemon takes it (none runs, or it
 * refused), the command runs the backup itself.
 */
final class DaemonClient {
  private DaemonClient() {}

  /** What became of a backup offered to the daemon. */
  enum Answer {
    /** No daemon runs (or the command line was not one to offer): the command runs it. */
    NO_DAEMON,
    /** A daemon runs but did not take it, and said why: the command runs it. */
    REFUSED,
    /** The daemon ran it: the exit code is the run's. */
    RAN
  }

  /**
   * The answer and, when the daemon ran the backup, its exit code.
   *
   * @param config the configuration read to make the offer, or null when none was made
   */
  record Outcome(Answer answer, int exitCode, Config config) {
    static final Outcome NOT_OFFERED = new Outcome(Answer.NO_DAEMON, 0, null);

    static Outcome noDaemon(Config config) {
      return new Outcome(Answer.NO_DAEMON, 0, config);
    }
  }

  /**
   * Offers the backup on the command line {@code args} to the daemon before the command-line parser
   * is built, which takes a quarter of a second of a cold start, for the common forms only: {@code
   * [-c FILE | --config FILE | --config=FILE] backup JOB [--full | --incremental] [--json]}.
   * Anything else (help, {@code --here}, {@code -v}, any other option or command), a configuration
   * that does not load and an unknown job are {@link Outcome#NOT_OFFERED}: the parser then handles
   * them, with its messages.
   */
  static Outcome quickBackup(String[] args, PrintWriter out, PrintWriter err) throws IOException {
    QuickForm form = QuickForm.of(args);
    if (form == null) {
      return Outcome.NOT_OFFERED;
    }
    Config config;
    try {
      config =
          new it.continuo.config.ConfigLoader().load(ContinuoCommand.configFile(form.config()));
    } catch (it.continuo.config.ConfigException e) {
      return Outcome.NOT_OFFERED;
    }
    if (!config.jobs().containsKey(form.job())) {
      return Outcome.NOT_OFFERED;
    }
    return backup(config, form.job(), form.level(), form.json(), out, err);
  }

  /**
   * A backup command line in one of the forms {@link #quickBackup} takes.
   *
   * @param config the file after {@code -c}, or null
   * @param level FULL, INCREMENTAL, or null when neither was asked for
   */
  record QuickForm(Path config, String job, Level level, boolean json) {
    /** The form of {@code args}, or null when they are not one of those forms. */
    static QuickForm of(String[] args) {
      int i = 0;
      Path file = null;
      if (args.length > 1 && (args[0].equals("-c") || args[0].equals("--config"))) {
        file = Path.of(args[1]);
        i = 2;
      } else if (args.length > 0 && args[0].startsWith("--config=")) {
        file = Path.of(args[0].substring("--config=".length()));
        i = 1;
      }
      if (args.length < i + 2 || !args[i].equals("backup") || args[i + 1].startsWith("-")) {
        return null;
      }
      Level level = null;
      boolean json = false;
      for (int j = i + 2; j < args.length; j++) {
        switch (args[j]) {
          case "--full", "--incremental" -> {
            if (level != null) {
              return null;
            }
            level = args[j].equals("--full") ? Level.FULL : Level.INCREMENTAL;
          }
          case "--json" -> {
            if (json) {
              return null;
            }
            json = true;
          }
          default -> {
            return null;
          }
        }
      }
      return new QuickForm(file, args[i + 1], level, json);
    }
  }

  /** Offers one backup of {@code job} to the daemon of the agent {@code config} describes. */
  static Outcome backup(
      Config config, String job, Level level, boolean json, PrintWriter out, PrintWriter err)
      throws IOException {
    Path socket = ControlMessage.socket(config.agent().dataDir());
    if (!Files.exists(socket)) {
      return Outcome.noDaemon(config);
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException | RuntimeException e) {
      return Outcome.noDaemon(config); // a dead daemon's socket, or not ours to use
    }
    try (channel) {
      boolean terminal = TerminalProgress.onTerminal();
      ControlMessage request =
          ControlMessage.of("v", ControlMessage.VERSION)
              .with("command", "backup")
              .with("config", config.file().toAbsolutePath().toString())
              .with("job", job)
              .with("level", level == null ? null : level.word())
              .with("json", json)
              .with("terminal", terminal)
              .with("pid", ProcessHandle.current().pid());
      request.writeTo(channel);
      BufferedReader in = ControlMessage.reader(channel);
      ControlMessage first = next(in);
      if (first == null || !first.has("accepted")) {
        err.println(
            "continuo: the running daemon does not take the backup ("
                + (first == null ? "it closed the connection" : first.text("refused"))
                + "): running it here");
        err.flush();
        return new Outcome(Answer.REFUSED, 0, config);
      }
      long pid = first.number("accepted");
      return new Outcome(Answer.RAN, follow(in, job, pid, out, err), config);
    }
  }

  /** Shows the run as the daemon reports it, until its exit code. */
  private static int follow(
      BufferedReader in, String job, long pid, PrintWriter out, PrintWriter err)
      throws IOException {
    Progress progress = new Progress();
    List<String> outLines = new ArrayList<>();
    List<String> errLines = new ArrayList<>();
    Integer code = null;
    try (TerminalProgress terminal = new TerminalProgress(err, progress, "backup " + job)) {
      ControlMessage m;
      while (code == null && (m = next(in)) != null) {
        if (m.has("note")) {
          terminal.note(m.text("note"));
        } else if (m.has("warning")) {
          terminal.warning(m.text("warning"));
        } else if (m.has("progress")) {
          long[] p = m.numbers("progress");
          progress.show(p[0], p[1]);
        } else if (m.has("out")) {
          outLines.add(m.text("out"));
        } else if (m.has("err")) {
          errLines.add(m.text("err"));
        } else if (m.has("exit")) {
          code = (int) m.number("exit");
        }
      }
    }
    errLines.forEach(err::println);
    outLines.forEach(out::println);
    out.flush();
    if (code == null) {
      err.println(
          "continuo: the daemon (pid "
              + pid
              + ") ended before the backup of "
              + job
              + " did; its log says why");
    }
    err.flush();
    return code == null ? ExitCodes.FAILED : code;
  }

  /** The next message, or null when the daemon went away. */
  private static ControlMessage next(BufferedReader in) throws IOException {
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      return null;
    }
    return line == null ? null : ControlMessage.parse(line);
  }
}
