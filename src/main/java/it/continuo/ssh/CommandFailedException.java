package it.continuo.ssh;

/**
 * A command ran and exited with a status other than 0: permanent, since running it again on the
 * same files would fail the same way.
 */
public final class CommandFailedException extends SshException {
  private final int exitStatus;
  private final String stderr;

  public CommandFailedException(String message, int exitStatus, String stderr) {
    super(message, false);
    this.exitStatus = exitStatus;
    this.stderr = stderr;
  }

  /** The command's exit status. */
  public int exitStatus() {
    return exitStatus;
  }

  /** What it wrote on its standard error (at most 1 MiB), stripped. */
  public String stderr() {
    return stderr;
  }
}
