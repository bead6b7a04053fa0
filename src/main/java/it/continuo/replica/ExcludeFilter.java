package it.continuo.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code exclude} globs of a replica, relative to each root. A pattern without '/' matches a
 * name anywhere ({@code *.tmp}, {@code .cache}); one with '/' matches the path from the root
 * ({@code cache/**}, {@code logs/*.gz}; a leading '/' is ignored). A path is left out when it or
 * one of its directories matches. Glob syntax as {@link java.nio.file.FileSystem#getPathMatcher}:
 * {@code *} within a name, {@code **} across names, {@code ?}, {@code [a-z]}, {@code [!a]}, {@code
 * {a,b}}. Matched on the path as UTF-8 text, since a {@link java.nio.file.Path} cannot hold every
 * name a file system can.
 */
final class ExcludeFilter {
  private final List<Pattern> names = new ArrayList<>();
  private final List<Pattern> paths = new ArrayList<>();

  ExcludeFilter(List<String> globs) {
    for (String glob : globs) {
      String g = glob.startsWith("/") ? glob.substring(1) : glob;
      (glob.contains("/") ? paths : names).add(Pattern.compile(regex(g), Pattern.DOTALL));
    }
  }

  boolean isEmpty() {
    return names.isEmpty() && paths.isEmpty();
  }

  /** True when {@code path} (relative, '/'-separated) or a directory above it is excluded. */
  boolean excludes(String path) {
    if (isEmpty()) {
      return false;
    }
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String name = path.substring(start, end);
      for (Pattern p : names) {
        if (p.matcher(name).matches()) {
          return true;
        }
      }
      String prefix = path.substring(0, end);
      for (Pattern p : paths) {
        if (p.matcher(prefix).matches()) {
          return true;
        }
      }
      if (slash < 0) {
        return false;
      }
      start = slash + 1;
    }
  }

  static String regex(String glob) {
    StringBuilder r = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            r.append(".*");
            i++;
          } else {
            r.append("[^/]*");
          }
        }
        case '?' -> r.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            throw new IllegalArgumentException("unclosed [ in exclude glob " + glob);
          }
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          r.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
        case '{' -> {
          r.append("(?:");
          inGroup = true;
        }
        case '}' -> {
          r.append(inGroup ? ")" : "\\}");
          inGroup = false;
        }
        case ',' -> r.append(inGroup ? "|" : ",");
        case '\\' -> {
          if (i + 1 < glob.length()) {
            r.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return r.toString();
  }
}
