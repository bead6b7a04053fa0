package it.continuo.ssh;

/**
 * What a remote command did.
 *
 * @param exitCode its exit status
 * @param stdout its standard output, decoded as UTF-8 (cut at {@link #MAX_OUTPUT} bytes)
 * @param stderr its standard error, decoded as UTF-8 (cut at {@link #MAX_OUTPUT} bytes)
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
  /** The most bytes of each output stream that are kept. */
  public static final int MAX_OUTPUT = 1 << 20;

  /** True when the command exited with status 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
