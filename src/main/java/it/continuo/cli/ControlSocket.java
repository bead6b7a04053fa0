package it.continuo.cli;

import it.continuo.backup.BackupResult;
import it.continuo.catalog.Level;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.JobConfig;
import it.continuo.daemon.Daemon;
import it.continuo.io.Timers;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket, through which {@code continuo backup} hands its run to the running
 * daemon ({@link DaemonClient} is the other end): the run then happens in the daemon's warm JVM,
 * recorded in its history, under the same job lock, and a stop of the daemon cancels it like its
 * own runs.
 *
 * <p>A UNIX domain socket, {@value ControlMessage#FILE} in the agent's data directory, that only
 * the daemon's user may open: the file has mode 0600 and the peer's user, as the kernel gives it,
 * must be the daemon's or root. One JSON line asks for a run; the daemon answers with JSON lines:
 * {@code accepted} (or {@code refused} with why, and the command then runs the backup itself), then
 * {@code note}, {@code warning}, {@code progress} while it runs, the command's {@code out} and
 * {@code err} lines, and last its {@code exit} code. When the command goes away (interrupted,
 * killed) the run is cancelled: nothing it wrote is committed.
 *
 * <p>The daemon takes a run only when the command names the configuration file the daemon runs, and
 * reads that file again for it, as the command would have.
 */
final class ControlSocket implements Daemon.Extension {
  private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);

  /** How often a command on a terminal is told how far the run got. */
  private static final long PROGRESS_MS = 500;

  private final Daemon daemon;
  private final Path path;
  private final ServerSocketChannel server;
  private final AtomicInteger connections = new AtomicInteger();

  private ControlSocket(Daemon daemon, Path path, ServerSocketChannel server) {
    this.daemon = daemon;
    this.path = path;
    this.server = server;
    Thread t = new Thread(this::accept, "control");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Opens the socket of {@code daemon}. When it cannot (a data directory whose path is too long for
   * a socket name), the daemon goes on without it and commands run their backups themselves.
   */
  static Daemon.Extension open(Daemon daemon, Config config) {
    Path path = ControlMessage.socket(config.agent().dataDir());
    try {
      // The daemon holds the agent's lock: a socket file left here is a dead daemon's.
      Files.deleteIfExists(path);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
      return new ControlSocket(daemon, path, server);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "no control socket at {} ({}): backups asked on the command line run in the command",
          path,
          e.toString());
      return new Daemon.Extension() {
        @Override
        public void reconfigure(Config c) {}

        @Override
        public void close() {}
      };
    }
  }

  private void accept() {
    while (server.isOpen()) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.warn("control socket: {}", e.toString());
        continue;
      }
      Thread t = new Thread(() -> serve(channel), "control-" + connections.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(SocketChannel channel) {
    try (channel) {
      Connection c = new Connection(channel);
      String refusal = peerRefusal(channel);
      if (refusal != null) {
        c.send("refused", refusal);
        return;
      }
      ControlMessage request = ControlMessage.read(c.in);
      if (request == null) {
        throw new IOException("the command went away before asking");
      }
      handle(request, c);
    } catch (IOException | UncheckedIOException e) {
      log.debug("control connection", e);
    } catch (RuntimeException e) {
      log.error("control connection: {}", e.toString(), e);
    }
  }

  /** Why the process at the other end may not ask, or null when it may. */
  private static String peerRefusal(SocketChannel channel) throws IOException {
    String peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
    String self = System.getProperty("user.name");
    return peer.equals(self) || peer.equals("root")
        ? null
        : "user " + peer + " may not ask the daemon of user " + self;
  }

  private void handle(ControlMessage request, Connection c) throws IOException {
    if (!request.has("v")
        || request.number("v") != ControlMessage.VERSION
        || !"backup".equals(request.text("command"))) {
      c.send("refused", "the daemon does not understand " + request.text("command"));
      return;
    }
    if (!daemon.serving()) {
      c.send("refused", "the daemon is stopping");
      return;
    }
    String file = request.text("config");
    if (!sameFile(file, daemon.configFile())) {
      c.send("refused", "the daemon runs " + daemon.configFile() + ", not " + file);
      return;
    }
    Config config;
    try {
      config = daemon.readConfig();
    } catch (ConfigException e) {
      c.send("refused", "the daemon cannot read " + file + ": " + e.getMessage());
      return;
    }
    JobConfig job = config.jobs().get(request.text("job"));
    if (job == null || !config.agent().dataDir().equals(daemon.config().agent().dataDir())) {
      c.send("refused", "the daemon's configuration differs from the command's");
      return;
    }
    String asked = request.text("level");
    Level level = asked == null ? null : Level.ofWord(asked);
    log.info(
        "{}: backup asked on the command line (pid {}), run here", job.name(), request.text("pid"));
    c.send("accepted", ProcessHandle.current().pid());
    run(config, job, level, request.flag("json"), request.flag("terminal"), c);
  }

  private void run(
      Config config, JobConfig job, Level level, boolean json, boolean terminal, Connection c) {
    Progress progress = new Progress();
    c.cancelWhenGone(progress);
    ScheduledExecutorService timer = null;
    if (terminal) {
      timer = Timers.daemon("control-progress");
      timer.scheduleAtFixedRate(
          () -> c.sendQuietly("progress", new long[] {progress.entries(), progress.bytesRead()}),
          PROGRESS_MS,
          PROGRESS_MS,
          TimeUnit.MILLISECONDS);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      try {
        BackupResult r = daemon.backupNow(config, job, level, c.listener(), progress);
        if (json) {
          Json.print(o, r);
        } else {
          BackupCommand.print(o, e, r);
        }
        code = r.outcome().exitCode();
      } catch (Exception x) {
        code = Main.failure(x, e);
      } finally {
        if (timer != null) {
          timer.shutdownNow();
        }
      }
    }
    out.toString().lines().forEach(l -> c.sendQuietly("out", l));
    err.toString().lines().forEach(l -> c.sendQuietly("err", l));
    c.sendQuietly("exit", code);
  }

  private static boolean sameFile(String asked, Path running) {
    try {
      return Path.of(asked).toRealPath().equals(running.toRealPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void reconfigure(Config config) {
    // the data directory, where the socket is, cannot change while the daemon runs
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.debug("closing the control socket", e);
    }
  }

  /** One command's connection: JSON lines each way. */
  private static final class Connection {
    private final SocketChannel channel;
    private final BufferedReader in;

    Connection(SocketChannel channel) {
      this.channel = channel;
      this.in = ControlMessage.reader(channel);
    }

    /** Cancels the run when the command closes its end (it was interrupted or killed). */
    void cancelWhenGone(Progress progress) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (in.read() >= 0) {
                    // a command sends nothing after its request
                  }
                } catch (IOException e) {
                  // gone as well
                }
                progress.cancel("the command that asked for the backup ended before it");
              },
              "control-watch");
      t.setDaemon(true);
      t.start();
    }

    Listener listener() {
      return new Listener() {
        @Override
        public void warning(String message) {
          sendQuietly("warning", message);
        }

        @Override
        public void note(String message) {
          sendQuietly("note", message);
        }
      };
    }

    synchronized void send(String key, Object value) throws IOException {
      ControlMessage.of(key, value).writeTo(channel);
    }

    /** Sends, or drops the message when the command is gone (its run is then cancelled). */
    void sendQuietly(String key, Object value) {
      try {
        send(key, value);
      } catch (IOException e) {
        log.debug("control connection: {}", e.toString());
      }
    }
  }
}
