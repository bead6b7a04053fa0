package it.continuo.replica;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Merges two listings sorted in {@link PathOrder}, in one pass, into {@link Findings}: a path on
 * one side only is missing or extra, a path on both is compared by {@link Rules}, and files that
 * look the same are offered to the {@link HashSample} (none in a quick check). The primary's
 * directories above the current path are kept on a stack (as deep as the tree), for the time of a
 * deletion.
 */
final class TreeMerge {
  private final Findings findings;
  private final String prefix;
  private final long resolution;
  private final HashSample sample;
  private final Deque<Entry> primaryDirs = new ArrayDeque<>();

  /**
   * @param prefix put before each path in differences: empty, or the root and a '/' when the
   *     replica has several roots
   * @param resolution nanoseconds of the coarser side's mtimes
   * @param sample where equal-looking files go, or null for none
   */
  TreeMerge(Findings findings, String prefix, long resolution, HashSample sample) {
    this.findings = findings;
    this.prefix = prefix;
    this.resolution = resolution;
    this.sample = sample;
  }

  /** Merges both listings, the roots left out; {@code rootMtime} is the primary root's. */
  void run(EntrySource primary, EntrySource secondary, long rootMtime) throws IOException {
    Entry p = primary.next();
    Entry s = secondary.next();
    while (p != null || s != null) {
      int c = p == null ? 1 : s == null ? -1 : PathOrder.INSTANCE.compare(p.path(), s.path());
      Entry current = c <= 0 ? p : s;
      while (!primaryDirs.isEmpty()
          && !PathOrder.isAncestor(primaryDirs.peek().path(), current.path())) {
        primaryDirs.pop();
      }
      if (c < 0) {
        countPrimary(p);
        findings.add(Rules.missing(path(p), p), true);
      } else if (c > 0) {
        countSecondary(s);
        long parent = primaryDirs.isEmpty() ? rootMtime : primaryDirs.peek().mtime();
        Rules.Verdict v = Rules.extra(path(s), s, parent, resolution);
        findings.add(v.difference(), v.pending());
      } else {
        countPrimary(p);
        countSecondary(s);
        Rules.Verdict v = Rules.compare(prefix, p, s, resolution);
        if (v.difference() != null) {
          findings.add(v.difference(), v.pending());
        } else if (sample != null && p.isFile()) {
          sample.offer(p.path(), p.size(), p.ctime());
        }
      }
      if (c <= 0 && p.isDirectory()) {
        primaryDirs.push(p);
      }
      if (c <= 0) {
        p = primary.next();
      }
      if (c >= 0) {
        s = secondary.next();
      }
    }
  }

  private String path(Entry e) {
    return prefix + e.pathText();
  }

  private void countPrimary(Entry e) {
    findings.primaryEntries++;
    if (e.isFile()) {
      findings.primaryBytes += e.size();
    }
  }

  private void countSecondary(Entry e) {
    findings.secondaryEntries++;
    if (e.isFile()) {
      findings.secondaryBytes += e.size();
    }
  }
}
