package it.continuo.cli;

import it.continuo.io.Timers;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws one progress line on the terminal (entries, bytes, rate) every second while an engine
 * works, and prints its warnings above it. Silent about progress when output is not a terminal.
 */
final class TerminalProgress implements Listener, AutoCloseable {
  private final PrintWriter err;
  private final Progress progress;
  private final String verb;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService timer;
  private boolean drawn;

  TerminalProgress(PrintWriter err, Progress progress, String verb) {
    this.err = err;
    this.progress = progress;
    this.verb = verb;
    this.terminal = onTerminal();
    if (terminal) {
      timer = Timers.daemon("progress");
      timer.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
    } else {
      timer = null;
    }
  }

  /** True when this process talks to a terminal that can redraw a line. */
  static boolean onTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  private synchronized void draw() {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    err.print(
        "\r\033[K"
            + verb
            + ": "
            + progress.entries()
            + " entries, "
            + Format.bytes(progress.bytesRead())
            + " ("
            + Format.rate(progress.bytesRead(), elapsed)
            + "), "
            + Format.duration(elapsed));
    err.flush();
    drawn = true;
  }

  private void clear() {
    if (drawn) {
      err.print("\r\033[K");
      drawn = false;
    }
  }

  @Override
  public synchronized void warning(String message) {
    clear();
    err.println("warning: " + message);
    err.flush();
  }

  @Override
  public synchronized void note(String message) {
    clear();
    err.println(message);
    err.flush();
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    clear();
    err.flush();
  }
}
