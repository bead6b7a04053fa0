package it.continuo.replica;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How two entries of the same path compare, and when the primary made the change the secondary
 * lacks. Regular files compare by size and mtime (at the coarser of the two sides' precisions),
 * links by target, every kind by mode (links excepted: their mode means nothing) and owner;
 * directories' mtimes are noise (they move with every name created or removed) and are left out.
 */
final class Rules {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Rules() {}

  /**
   * One finding for a path present on both sides.
   *
   * <p>The path is made text only for a difference: most entries have none.
   *
   * @param difference the difference, or null when they look the same
   * @param pending true when every part of it is a change of the primary not yet copied
   */
  record Verdict(Difference difference, boolean pending) {}

  static Verdict compare(String prefix, Entry p, Entry s, long resolution) {
    if (p.type() != s.type()) {
      String detail = article(p) + " on the primary, " + article(s) + " on the secondary";
      return new Verdict(
          new Difference(
              Difference.Kind.CHANGED, prefix + p.pathText(), detail, Entry.instant(p.ctime())),
          true);
    }
    List<String> parts = new ArrayList<>();
    long changedAt = Long.MAX_VALUE;
    boolean pending = true;
    if (p.isFile()) {
      long pm = Math.floorDiv(p.mtime(), resolution);
      long sm = Math.floorDiv(s.mtime(), resolution);
      if (p.size() != s.size() || pm != sm) {
        String times =
            "modified " + time(p.mtime(), resolution) + " vs " + time(s.mtime(), resolution);
        String sizes =
            p.size() != s.size() ? "size " + bytes(p.size()) + " vs " + bytes(s.size()) + ", " : "";
        if (sm > pm) {
          parts.add("newer on the secondary: " + sizes + times);
          pending = false;
        } else {
          parts.add(sizes + times);
          changedAt = Math.min(changedAt, p.mtime());
        }
      }
    }
    if (p.isLink() && !java.util.Arrays.equals(p.target(), s.target())) {
      parts.add(
          "symlink to "
              + p.targetText()
              + " on the primary, to "
              + s.targetText()
              + " on the secondary");
      changedAt = Math.min(changedAt, p.mtime());
    }
    if (!p.isLink() && p.mode() != s.mode()) {
      parts.add(
          "mode " + octal(p.mode()) + " on the primary, " + octal(s.mode()) + " on the secondary");
      changedAt = Math.min(changedAt, p.ctime());
    }
    if (p.uid() != s.uid() || p.gid() != s.gid()) {
      parts.add(
          "owner "
              + p.uid()
              + ":"
              + p.gid()
              + " on the primary, "
              + s.uid()
              + ":"
              + s.gid()
              + " on the secondary");
      changedAt = Math.min(changedAt, p.ctime());
    }
    if (parts.isEmpty()) {
      return new Verdict(null, true);
    }
    Instant at = pending ? Entry.instant(changedAt) : null;
    return new Verdict(
        new Difference(
            Difference.Kind.CHANGED, prefix + p.pathText(), String.join("; ", parts), at),
        pending);
  }

  /** A path only the primary has: pending since the primary's mtime. */
  static Difference missing(String path, Entry p) {
    return new Difference(
        Difference.Kind.MISSING,
        path,
        describe(p) + " on the primary only",
        Entry.instant(p.mtime()));
  }

  /**
   * A path only the secondary has. Pending (a deletion not yet copied) since the mtime of the
   * primary's nearest directory above it, unless it is younger than that directory's last change:
   * then nothing the primary did explains it, and it was written on the secondary.
   */
  static Verdict extra(String path, Entry s, long parentMtime, long resolution) {
    boolean writtenThere =
        !s.isDirectory()
            && Math.floorDiv(s.mtime(), resolution) > Math.floorDiv(parentMtime, resolution);
    String detail = describe(s) + " on the secondary only";
    if (writtenThere) {
      return new Verdict(
          new Difference(
              Difference.Kind.EXTRA,
              path,
              detail + ", modified after the primary last changed its directory",
              null),
          false);
    }
    return new Verdict(
        new Difference(Difference.Kind.EXTRA, path, detail, Entry.instant(parentMtime)), true);
  }

  /** Same size and mtime, different SHA-256: nothing but corruption explains it. */
  static Difference content(String path) {
    return new Difference(
        Difference.Kind.CHANGED, path, "content differs (SHA-256), same size and mtime", null);
  }

  static String describe(Entry e) {
    return switch (e.type()) {
      case 'f' -> "file of " + bytes(e.size());
      case 'l' -> "symlink to " + e.targetText();
      default -> word(e);
    };
  }

  static String word(Entry e) {
    return switch (e.type()) {
      case 'f' -> "file";
      case 'd' -> "directory";
      case 'l' -> "symlink";
      case 'p' -> "named pipe";
      case 's' -> "socket";
      case 'b' -> "block device";
      case 'c' -> "character device";
      default -> "special file";
    };
  }

  private static String article(Entry e) {
    String w = word(e);
    return ("aeiou".indexOf(w.charAt(0)) >= 0 ? "an " : "a ") + w;
  }

  static String octal(int mode) {
    return String.format(Locale.ROOT, "%03o", mode);
  }

  static String bytes(long n) {
    return n + " B";
  }

  static String time(long nanos, long resolution) {
    Instant t = Entry.instant(nanos);
    String s = SECONDS.format(t);
    long frac = Math.floorMod(nanos, 1_000_000_000L);
    if (resolution < 1_000_000_000L && frac != 0) {
      s += String.format(Locale.ROOT, ".%09d", frac).replaceAll("0+$", "");
    }
    return s;
  }
}
