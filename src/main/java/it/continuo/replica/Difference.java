package it.continuo.replica;

import java.time.Instant;
import java.util.Objects;

/**
 * One path that differs between the primary and the secondary.
 *
 * @param kind missing on the secondary, extra on the secondary, or present on both but changed
 * @param path relative to the replica's root, with {@code /} separators; prefixed with the root
 *     (e.g. {@code /srv/uno/a.txt}) when the replica has several paths. Names are decoded as UTF-8;
 *     bytes that are not UTF-8 show as U+FFFD
 * @param detail a readable phrase, e.g. {@code content differs (SHA-256), same size and mtime},
 *     {@code mode 644 on the primary, 600 on the secondary}
 * @param changedAt when the primary changed in a way the secondary does not have yet (its mtime,
 *     its parent directory's mtime for a deletion, its ctime for a mode or owner change); null when
 *     the difference is not a pending copy
 */
public record Difference(Kind kind, String path, String detail, Instant changedAt) {

  public Difference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(detail, "detail");
  }

  /** How a path differs. */
  public enum Kind {
    /** On the primary, not on the secondary. */
    MISSING,
    /** On the secondary, not on the primary. */
    EXTRA,
    /** On both, with a different type, size, mtime, mode, owner, link target or content. */
    CHANGED
  }

  /** {@code CHANGED a.txt: content differs …}, for logs and the CLI. */
  @Override
  public String toString() {
    return kind + " " + path + ": " + detail;
  }
}
