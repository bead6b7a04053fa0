package it.continuo.cli;

import it.continuo.catalog.NoSuchRunException;
import it.continuo.config.ConfigException;
import it.continuo.lock.LockHeldException;
import it.continuo.restore.RestoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: runs a command and turns what it throws into one line and an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean(ClassDataTraining.PROPERTY)) {
      ClassDataTraining.main(args);
    }
    System.exit(run(args));
  }

  static int run(String[] args) {
    return run(
        args,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8));
  }

  /** Runs one command with the given output streams; returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    String jnu = System.getProperty("sun.jnu.encoding", "");
    if (!jnu.equalsIgnoreCase("UTF-8")) {
      err.println(
          "continuo: file names need a UTF-8 locale, this process has "
              + jnu
              + "; run it with LC_ALL=C.UTF-8 (scripts/continuo and the systemd unit do)");
      err.flush();
      return ExitCodes.USAGE;
    }
    DaemonClient.Outcome handed;
    try {
      handed = DaemonClient.quickBackup(args, out, err);
    } catch (IOException | RuntimeException e) {
      return failure(e, err);
    }
    if (handed.answer() == DaemonClient.Answer.RAN) {
      return handed.exitCode();
    }
    CommandLine cli = ContinuoCommand.commandLine(args);
    ((ContinuoCommand) cli.getCommand()).offered = handed.config();
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(Main::handle);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    return failure(e, cmd.getErr());
  }

  /**
   * Prints what a command threw as one line (a stack trace when it is a bug) and returns its exit
   * code.
   */
  static int failure(Exception e, PrintWriter err) {
    int code;
    if (e instanceof ConfigException) {
      code = ExitCodes.USAGE;
    } else if (e instanceof LockHeldException) {
      code = ExitCodes.LOCKED;
    } else if (e instanceof RestoreException
        || e instanceof NoSuchRunException
        || e instanceof UsageException) {
      code = ExitCodes.USAGE;
    } else if (e instanceof IOException) {
      code = ExitCodes.FAILED;
    } else {
      err.println("continuo: unexpected error, this is a bug; please report it with this trace:");
      e.printStackTrace(err);
      err.flush();
      return ExitCodes.FAILED;
    }
    err.println("continuo: " + e.getMessage());
    err.flush();
    return code;
  }
}
