package it.continuo.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs mounted on a test directory: small to fill up, or read-only. Needs root; outside CI a
 * non-root run skips the test, in CI (or as root) a mount that fails fails the test.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;
  private boolean mounted;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts a tmpfs with {@code options} (e.g. {@code size=2m}, {@code ro,size=1m}) on {@code dir}.
   */
  public static Tmpfs mount(Path dir, String options) throws IOException, InterruptedException {
    if (!Shell.isRoot() && !Shell.inCi()) {
      Assumptions.abort("mounting a tmpfs needs root (tests run as another user, CI unset)");
    }
    Tmpfs t = new Tmpfs(dir);
    CliResult r =
        Shell.bash("mount -t tmpfs -o " + Shell.quote(options) + " tmpfs " + Shell.quote(dir), 30);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "cannot mount a tmpfs on "
              + dir
              + " (these tests need root to mount; running as root: "
              + Shell.isRoot()
              + "): "
              + r);
    }
    t.mounted = true;
    return t;
  }

  public Path dir() {
    return dir;
  }

  /** Makes the mounted file system read-only, keeping what is on it. */
  public void remountReadOnly() throws IOException, InterruptedException {
    Shell.bashOk("mount -o remount,ro " + Shell.quote(dir), 30);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (mounted) {
      CliResult r = Shell.bash("umount " + Shell.quote(dir), 30);
      if (r.exitCode() != 0) {
        r = Shell.bash("umount -l " + Shell.quote(dir), 30);
      }
      mounted = false;
      if (r.exitCode() != 0) {
        throw new AssertionError("cannot unmount the tmpfs on " + dir + ": " + r);
      }
    }
  }
}
