package it.continuo.backup;

import it.continuo.progress.Listener;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong or was left out in a run, told to the listener as it happens and kept for the
 * summary: complete counts, and the first {@value #NAMED} paths of each kind. Safe to use from the
 * walking and the storing thread at once.
 */
final class Problems {
  static final int NAMED = 1000;

  private final Listener listener;
  private long unreadableCount;
  private long changedCount;
  private long skippedCount;
  private final List<String> unreadable = new ArrayList<>();
  private final List<String> changed = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  Problems(Listener listener) {
    this.listener = listener;
  }

  synchronized void unreadable(String path, String reason) {
    unreadableCount++;
    name(unreadable, path + ": " + reason);
    listener.warning("cannot read " + path + ": " + reason);
  }

  synchronized void changedWhileRead(String path) {
    changedCount++;
    name(changed, path);
    listener.warning("changed while being read, stored as read: " + path);
  }

  synchronized void skipped(String path, String what) {
    skippedCount++;
    name(skipped, path + " (" + what + ")");
    listener.note("skipped " + what + " " + path);
  }

  void note(String message) {
    listener.note(message);
  }

  private static void name(List<String> list, String item) {
    if (list.size() < NAMED) {
      list.add(item);
    }
  }

  synchronized long unreadableCount() {
    return unreadableCount;
  }

  synchronized long changedCount() {
    return changedCount;
  }

  synchronized long skippedCount() {
    return skippedCount;
  }

  synchronized List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  synchronized List<String> changed() {
    return List.copyOf(changed);
  }

  synchronized List<String> skipped() {
    return List.copyOf(skipped);
  }
}
