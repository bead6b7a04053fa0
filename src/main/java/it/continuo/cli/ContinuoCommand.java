package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The root command: global options and the list of commands. */
@Command(
    name = "continuo",
    mixinStandardHelpOptions = true,
    versionProvider = ContinuoCommand.Version.class,
    description = "Backup and disaster-recovery agent for a small office.",
    footer = {
      "",
      "Exit codes: 0 success, 1 failed or damage found, 2 usage or configuration error,",
      "3 partial (some files could not be read), 11 the job is already running."
    })
final class ContinuoCommand implements Runnable {
  static final String DEFAULT_CONFIG = "/etc/continuo/continuo.yaml";

  /** The commands, in the order {@code continuo --help} lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          CheckConfigCommand.class,
          BackupCommand.class,
          ListCommand.class,
          RestoreCommand.class,
          VerifyCommand.class,
          RunCommand.class,
          ReloadCommand.class,
          StatusCommand.class,
          PruneCommand.class,
          CatalogCommand.class,
          ReportCommand.class,
          HealthCommand.class,
          AckCommand.class,
          IncidentsCommand.class,
          FailoverCommand.class,
          ReplicaCommand.class);

  /**
   * The command line for {@code args}. Building a command's model is reflection over all its
   * annotations, most of a short command's start in a cold JVM, so only the command that {@code
   * args} names is built; all of them when none or an unknown one is named, for the list in {@code
   * --help} and the suggestions after a typo.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(new ContinuoCommand());
    String name = commandName(args);
    List<Class<?>> named =
        COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(name)).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /** The first word of {@code args} that is not a global option or its value; null if none. */
  static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return i + 1 < args.length ? args[i + 1] : null;
      }
      if (a.equals("--config")) {
        i++; // its value
      } else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
        // a cluster of short options such as -v, -vc FILE or -cFILE: a trailing c takes the next
        // word as its value
        if (a.indexOf('c') == a.length() - 1) {
          i++;
        }
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Configuration file (default: $CONTINUO_CONFIG or " + DEFAULT_CONFIG + ").")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log what happens, not only warnings.")
  boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The configuration already read for this command line by {@link DaemonClient#quickBackup}, which
   * offered its backup to the daemon with it; null when no offer was made.
   */
  Config offered;

  Config loadConfig() throws ConfigException {
    Logging.configure(verbose);
    if (offered != null) {
      return offered;
    }
    return new ConfigLoader().load(configFile(config));
  }

  /**
   * The configuration file: {@code -c FILE} when given, else $CONTINUO_CONFIG, else the default.
   */
  static Path configFile(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv("CONTINUO_CONFIG");
    return Path.of(env != null && !env.isBlank() ? env : DEFAULT_CONFIG);
  }

  static String version() {
    try (var in = ContinuoCommand.class.getResourceAsStream("/continuo.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (java.io.IOException e) {
      return "dev";
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"continuo " + version(), "Java " + System.getProperty("java.version")};
    }
  }
}
