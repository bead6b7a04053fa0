package it.continuo.replica;

import it.continuo.ssh.CommandFailedException;
import it.continuo.ssh.ShellWords;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A side listed by GNU find and hashed by sha256sum, both through a {@link Shell}: one command
 * each, their output streamed.
 */
final class CommandHost implements ReplicaHost {
  /** The exit status of the listing command when the root is not a directory. */
  static final int NO_ROOT = 66;

  private final Shell shell;
  private final String description;

  CommandHost(Shell shell, String description) {
    this.shell = shell;
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public long mtimeResolution() {
    return 1;
  }

  /** {@code [ -d ROOT ] || exit 66; exec find -H ROOT -printf …}. */
  static String listCommand(String root) {
    return ShellWords.command("[", "-d", root, "]")
        + " || exit "
        + NO_ROOT
        + "; exec "
        + ShellWords.command("find", "-H", root, "-printf", FindFormat.PRINTF);
  }

  /** {@code cd ROOT && exec xargs -0r sha256sum -z --}, the file list on stdin. */
  static String hashCommand(String root) {
    return ShellWords.command("cd", root)
        + " && exec "
        + ShellWords.command("xargs", "-0r", "sha256sum", "-z", "--");
  }

  @Override
  public EntrySource list(String root, Duration timeout) throws IOException {
    InputStream out = shell.run(listCommand(root), null, timeout);
    FindFormat format = new FindFormat(out);
    return new EntrySource() {
      @Override
      public Entry next() throws IOException {
        try {
          return format.next();
        } catch (IOException e) {
          throw failure("listing " + root, e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } catch (CommandFailedException e) {
          if (e.exitStatus() == NO_ROOT) {
            throw new SideException(root + " does not exist on " + description, e);
          }
          throw failure("listing " + root, e);
        } catch (IOException e) {
          throw failure("listing " + root, e);
        }
      }
    };
  }

  @Override
  public Hashes hash(String root, Path list, Duration timeout) throws IOException {
    InputStream out = new BufferedInputStream(shell.run(hashCommand(root), list, timeout), 1 << 16);
    return new Hashes() {
      private final byte[] hex = new byte[64];

      @Override
      public String next() throws IOException {
        try {
          int n = 0;
          for (int b; (b = out.read()) != 0; ) {
            if (b < 0) {
              if (n == 0) {
                return null;
              }
              throw new IOException("sha256sum output cut short");
            }
            if (n < hex.length) {
              hex[n] = (byte) b;
            }
            n++;
          }
          if (n < hex.length + 2) {
            throw new IOException("unexpected sha256sum output");
          }
          return new String(hex, StandardCharsets.US_ASCII);
        } catch (IOException e) {
          throw failure("hashing files under " + root, e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } catch (IOException e) {
          throw failure("hashing files under " + root, e);
        }
      }
    };
  }

  private IOException failure(String doing, IOException e) {
    if (e instanceof SideException) {
      return e;
    }
    return new SideException(doing + " on " + description + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    shell.close();
  }
}
