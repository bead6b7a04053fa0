package it.continuo.tree;

/** The kinds of file system entry a backup distinguishes. */
public enum FileKind {
  FILE,
  DIR,
  SYMLINK,
  /** Sockets, FIFOs, character and block devices: never backed up. */
  OTHER,
  /** An entry that could not even be examined (see its note): the backup is partial. */
  UNREADABLE;

  static FileKind ofMode(int mode) {
    return switch (mode & 0170000) {
      case 0100000 -> FILE;
      case 0040000 -> DIR;
      case 0120000 -> SYMLINK;
      default -> OTHER;
    };
  }

  /** "socket", "FIFO", "character device" or "block device" for an {@link #OTHER} mode. */
  static String describe(int mode) {
    return switch (mode & 0170000) {
      case 0140000 -> "socket";
      case 0010000 -> "FIFO";
      case 0020000 -> "character device";
      case 0060000 -> "block device";
      default -> "special file";
    };
  }
}
