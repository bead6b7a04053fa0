package it.continuo.storage.sftp;

/** Paths on the server as JSch's path arguments want them. */
final class RemotePath {
  static final String PARTIAL_SUFFIX = ".partial";

  private RemotePath() {}

  /**
   * Escapes the characters JSch would expand as a glob ({@code * ?}) and its escape character, so
   * that a path is taken literally.
   */
  static String literal(String path) {
    StringBuilder b = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** The directory part of a path, or "" for a bare name. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : slash == 0 ? "/" : path.substring(0, slash);
  }

  /** The name after the last '/'. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A temporary file name is {@code .NAME.RANDOM.partial}. */
  static boolean isPartial(String name) {
    return name.startsWith(".") && name.endsWith(PARTIAL_SUFFIX);
  }

  /** The name a temporary file will be renamed to: NAME from {@code .NAME.RANDOM.partial}. */
  static String intendedName(String partial) {
    String inner = partial.substring(1, partial.length() - PARTIAL_SUFFIX.length());
    int dot = inner.lastIndexOf('.');
    return dot < 0 ? inner : inner.substring(0, dot);
  }
}
