package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import it.continuo.daemon.Daemon;
import it.continuo.logging.DaemonLogging;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import sun.misc.Signal;

/** {@code continuo run}: the daemon, in the foreground. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the agent in the foreground (systemd runs it): back up, verify and prune on the jobs'"
          + " schedules, making up once for what was missed while it was down.",
      "SIGTERM stops it (a running backup gets agent.shutdownGrace to finish, then is cancelled);"
          + " SIGHUP (or continuo reload) re-reads the configuration, keeping the old one if the"
          + " new one is invalid.",
      "Exit 0 when stopped, 2 configuration error, 11 another daemon of this agent is running."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Override
  public Integer call() throws Exception {
    Config config = root.loadConfig();
    DaemonLogging.configure(config.logging(), root.verbose);
    for (String w : config.warnings()) {
      org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("configuration: {}", w);
    }
    try (Daemon daemon =
        Daemon.start(
            config.file(),
            new ConfigLoader(),
            config,
            Clock.systemUTC(),
            ContinuoCommand.version(),
            (d, c) -> List.of(logging(), ControlSocket.open(d, c)))) {
      Signal.handle(new Signal("TERM"), s -> daemon.requestStop());
      Signal.handle(new Signal("INT"), s -> daemon.requestStop());
      Signal.handle(new Signal("HUP"), s -> daemon.requestReload());
      daemon.serve();
    }
    return ExitCodes.OK;
  }

  /** Follows the {@code logging} section on reload. */
  private Daemon.Extension logging() {
    return new Daemon.Extension() {
      @Override
      public void reconfigure(Config config) throws Exception {
        DaemonLogging.configure(config.logging(), root.verbose);
      }

      @Override
      public void close() {}
    };
  }
}
