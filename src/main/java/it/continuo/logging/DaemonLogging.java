package it.continuo.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import it.continuo.config.LoggingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging: INFO and above (the agent's own DEBUG too when verbose) to standard error,
 * and to the JSON file of the {@code logging} section when there is one. Replaces the command
 * line's warnings-only console setup; calling it again (on a reload) replaces both appenders.
 */
public final class DaemonLogging {
  static final String CONSOLE = "console";
  static final String JSON = "json";
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";
  static final String JOURNAL_PATTERN = "%-5level %logger{0}: %msg%n";

  private DaemonLogging() {}

  /**
   * Sets up the daemon's logging; under systemd's journal when {@code JOURNAL_STREAM} is set.
   *
   * @param logging the {@code logging} section, or null for the console only
   * @param verbose the agent's DEBUG messages too
   * @throws IOException when the JSON file cannot be opened (console logging is in place)
   */
  public static void configure(LoggingConfig logging, boolean verbose) throws IOException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    boolean journal = System.getenv("JOURNAL_STREAM") != null;
    configure(context, logging, verbose, journal, System.err);
  }

  static void configure(
      LoggerContext context,
      LoggingConfig logging,
      boolean verbose,
      boolean journal,
      PrintStream console)
      throws IOException {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    // DEBUG for the agent only: the SDKs' debug output (HTTP wire logs) would bury it.
    context.getLogger("it.continuo").setLevel(verbose ? Level.DEBUG : null);
    context.getLogger("org.quartz").setLevel(Level.WARN);
    // JSch tells each connection's key exchange and login at INFO, some thirty lines every time a
    // replica check or an SFTP target connects: for --verbose only. Its warnings stay.
    context.getLogger("com.jcraft.jsch").setLevel(verbose ? null : Level.WARN);
    replace(root, CONSOLE, console(context, journal, console));
    if (logging == null) {
      replace(root, JSON, null);
    } else {
      json(context, root, logging);
    }
  }

  private static Appender<ILoggingEvent> console(
      LoggerContext context, boolean journal, PrintStream stream) {
    Layout<ILoggingEvent> layout;
    if (journal) {
      layout = new JournalLayout(JOURNAL_PATTERN);
    } else {
      PatternLayout pattern = new PatternLayout();
      pattern.setPattern(PATTERN);
      layout = pattern;
    }
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName(CONSOLE);
    appender.setEncoder(encoder);
    appender.setOutputStream(new Unclosable(stream));
    appender.start();
    return appender;
  }

  /**
   * Opens the JSON file. At another path than before, the old file stays in use until the new one
   * is open, and when it cannot be; logback refuses two appenders on one file, so at the same path
   * the old one is closed first.
   */
  private static void json(LoggerContext context, Logger root, LoggingConfig logging)
      throws IOException {
    Path file = logging.json().toAbsolutePath();
    if (root.getAppender(JSON) instanceof RollingFileAppender<ILoggingEvent> old
        && Path.of(old.getFile()).equals(file)) {
      replace(root, JSON, null);
    }
    RollingFileAppender<ILoggingEvent> appender = rollingFile(context, file, logging);
    if (!appender.isStarted()) {
      throw new IOException(
          "cannot write the JSON log " + file + ": " + lastError(context, appender));
    }
    replace(root, JSON, appender);
  }

  private static RollingFileAppender<ILoggingEvent> rollingFile(
      LoggerContext context, Path file, LoggingConfig logging) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName(JSON);
    appender.setFile(file.toString());
    KeptFiles rolling = new KeptFiles();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(logging.maxFiles());
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(logging.maxFileSize()));
    // By default the size is looked at no more than every 60 ms; a burst could overshoot by MBs.
    trigger.setCheckIncrement(Duration.buildByMilliseconds(0));
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  /** Attaches {@code next} (unless null) in place of the appender called {@code name}. */
  private static void replace(Logger root, String name, Appender<ILoggingEvent> next) {
    Appender<ILoggingEvent> old = root.getAppender(name);
    if (next != null) {
      root.addAppender(next); // first, so that no event falls between the two
    }
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
  }

  private static String lastError(LoggerContext context, Object origin) {
    List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      Status status = statuses.get(i);
      if (status.getLevel() == Status.ERROR && status.getOrigin() == origin) {
        Throwable cause = status.getThrowable();
        return cause == null ? status.getMessage() : status.getMessage() + " (" + cause + ")";
      }
    }
    return "see logback's status messages";
  }

  /** Logback limits the window to 20 files; the configuration allows up to 1000. */
  private static final class KeptFiles extends FixedWindowRollingPolicy {
    @Override
    protected int getMaxWindowSize() {
      return 1000;
    }
  }

  /** Stopping the console appender must not close standard error. */
  private static final class Unclosable extends OutputStream {
    private final PrintStream stream;

    Unclosable(PrintStream stream) {
      this.stream = stream;
    }

    @Override
    public void write(int b) {
      stream.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      stream.write(b, off, len);
    }

    @Override
    public void flush() {
      stream.flush();
    }
  }
}
