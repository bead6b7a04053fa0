package it.continuo.replica;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a side's commands run: this machine ({@code sh -c}) or a host over SSH (its login shell).
 * The same command line means the same thing on both.
 */
interface Shell extends Closeable {
  /**
   * Starts {@code commandLine} (words quoted with {@link it.continuo.ssh.ShellWords}) and returns
   * its standard output as it comes; closing it checks the exit status, or ends the command when
   * the output was not read to its end.
   *
   * @param stdin a file the command reads on its standard input, or null
   * @throws it.continuo.ssh.CommandFailedException from {@code close()} for an exit status other
   *     than 0
   */
  InputStream run(String commandLine, Path stdin, Duration timeout) throws IOException;

  /** Ends every command still running and the connection, if any; they fail. */
  @Override
  void close();
}
