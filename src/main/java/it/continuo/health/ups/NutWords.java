package it.continuo.health.ups;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one NUT line: separated by spaces; a word in double quotes may hold spaces, and
 * inside it a backslash escapes the next character ({@code \"}, {@code \\}).
 */
final class NutWords {
  private NutWords() {}

  /** Splits a reply line; a bad quote is reported as the reason, never as a crash. */
  static List<String> split(String line) throws BadQuoting {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '"') {
        StringBuilder word = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char q = line.charAt(i++);
          if (q == '\\') {
            if (i == n) {
              throw new BadQuoting("a backslash ends the line");
            }
            word.append(line.charAt(i++));
          } else if (q == '"') {
            closed = true;
            break;
          } else {
            word.append(q);
          }
        }
        if (!closed) {
          throw new BadQuoting("a quoted value is not closed");
        }
        if (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          throw new BadQuoting("text follows a closing quote");
        }
        words.add(word.toString());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          if (line.charAt(i) == '"' || line.charAt(i) == '\\') {
            throw new BadQuoting("a quote or backslash inside an unquoted word");
          }
          i++;
        }
        words.add(line.substring(start, i));
      }
    }
    return words;
  }

  /** A word as a request argument: quoted, with escapes, when it is not a plain word. */
  static String quote(String word) {
    if (!word.isEmpty()
        && word.chars().allMatch(c -> c > ' ' && c != '"' && c != '\\' && c < 127)) {
      return word;
    }
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Why a line could not be split. */
  static final class BadQuoting extends Exception {
    BadQuoting(String message) {
      super(message);
    }
  }
}
