package it.continuo.replica;

import it.continuo.io.Timers;
import it.continuo.ssh.CommandFailedException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Commands run on this machine by {@code sh -c}, as an SSH server's login shell would. */
final class LocalShell implements Shell {
  private static final int MAX_STDERR = 64 << 10;
  private static final ScheduledExecutorService TIMER =
      Timers.daemon("continuo-replica-local-timeout");

  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  @Override
  public InputStream run(String commandLine, Path stdin, Duration timeout) throws IOException {
    if (closed) {
      throw new IOException("local commands ended");
    }
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", commandLine);
    pb.redirectInput(
        stdin == null
            ? ProcessBuilder.Redirect.from(new File("/dev/null"))
            : ProcessBuilder.Redirect.from(stdin.toFile()));
    Process p = pb.start();
    running.add(p);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              byte[] b = new byte[8192];
              try (InputStream in = p.getErrorStream()) {
                for (int n; (n = in.read(b)) >= 0; ) {
                  synchronized (err) {
                    err.write(b, 0, Math.max(0, Math.min(n, MAX_STDERR - err.size())));
                  }
                }
              } catch (IOException e) {
                // the process is gone: what it wrote so far is all there is
              }
            },
            "continuo-replica-stderr");
    drain.setDaemon(true);
    drain.start();
    boolean[] timedOut = new boolean[1];
    ScheduledFuture<?> watchdog =
        TIMER.schedule(
            () -> {
              timedOut[0] = true;
              p.destroyForcibly();
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    return new FilterInputStream(p.getInputStream()) {
      private boolean end;

      @Override
      public int read() throws IOException {
        int b = super.read();
        end |= b < 0;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        end |= n < 0;
        if (n < 0 && timedOut[0]) {
          throw new IOException("\"" + commandLine + "\": no result within " + timeout);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        try {
          if (!end) {
            p.destroyForcibly();
            return;
          }
          int status = p.waitFor();
          drain.join(1000);
          if (timedOut[0]) {
            throw new IOException("\"" + commandLine + "\": no result within " + timeout);
          }
          if (status != 0) {
            String stderr;
            synchronized (err) {
              stderr = err.toString(StandardCharsets.UTF_8).strip();
            }
            throw new CommandFailedException(
                "\""
                    + commandLine
                    + "\": exit status "
                    + status
                    + (stderr.isEmpty() ? "" : ": " + stderr),
                status,
                stderr);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p.destroyForcibly();
          throw new IOException("interrupted", e);
        } finally {
          watchdog.cancel(false);
          running.remove(p);
          super.close();
        }
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    running.forEach(Process::destroyForcibly);
  }
}
