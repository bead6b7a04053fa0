package it.continuo.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the command line an SSH server hands to the login shell from separate words, each quoted,
 * so that no value (a path, an address, a file name) is ever read as shell syntax.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * One word for a POSIX shell: in single quotes, each single quote written as {@code '\''}.
   *
   * @throws IllegalArgumentException for a NUL character, which no command line can hold
   */
  public static String quote(String word) {
    if (word.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a command word cannot hold a NUL character");
    }
    if (!word.isEmpty() && word.chars().allMatch(ShellWords::plain)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The words, each quoted, separated by spaces. */
  public static String command(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least one word");
    }
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** The words, each quoted, separated by spaces. */
  public static String command(String... words) {
    return command(List.of(words));
  }

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "@%+=:,./_-".indexOf(c) >= 0;
  }
}
