package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.daemon.Daemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code continuo reload}: asks the running daemon to re-read its configuration. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Check the configuration, then ask the running daemon to re-read it (SIGHUP).",
      "Exit 0 asked, 1 no daemon running, 2 the configuration is invalid (the daemon is not asked)."
    })
final class ReloadCommand implements Callable<Integer> {
  private static final Pattern PID = Pattern.compile("^pid (\\d+) ");

  @ParentCommand ContinuoCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    Path lock = config.agent().dataDir().resolve("locks").resolve(Daemon.LOCK + ".lock");
    String note;
    try {
      note = Files.readString(lock, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      note = "";
    }
    Matcher m = PID.matcher(note);
    ProcessHandle daemon =
        m.find() ? ProcessHandle.of(Long.parseLong(m.group(1))).orElse(null) : null;
    if (daemon == null || !daemon.isAlive()) {
      spec.commandLine()
          .getErr()
          .println("continuo: no daemon is running (lock file " + lock + ")");
      return ExitCodes.FAILED;
    }
    Process kill =
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      spec.commandLine()
          .getErr()
          .println("continuo: cannot signal the daemon, pid " + daemon.pid());
      return ExitCodes.FAILED;
    }
    spec.commandLine()
        .getOut()
        .println("asked the daemon (pid " + daemon.pid() + ") to reload " + config.file());
    return ExitCodes.OK;
  }
}
