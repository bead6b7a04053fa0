package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.daemon.Daemon;
import it.continuo.lock.JobLock;
import java.util.concurrent.Callable;
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
  @ParentCommand ContinuoCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    ProcessHandle daemon = JobLock.holder(config.agent().dataDir(), Daemon.LOCK).orElse(null);
    if (daemon == null) {
      spec.commandLine()
          .getErr()
          .println("continuo: no daemon is running for agent " + config.agent().name());
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
