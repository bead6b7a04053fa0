package it.continuo.retention;

import it.continuo.catalog.Level;
import it.continuo.catalog.RunId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups runs into chains by following each incremental's parent back to a full. The parent, not
 * the full listed just before, decides: with several targets an incremental may build on a run of
 * an older chain. A run whose parent is missing or whose own manifest or parent's is unreadable has
 * no known chain.
 */
final class Chains {
  private final Map<RunId, RetentionPoint> byId = new LinkedHashMap<>();
  private final Map<RunId, RunId> heads = new HashMap<>();
  private final Map<RunId, List<RunId>> members = new LinkedHashMap<>();

  /**
   * @param points oldest first, no id twice
   */
  Chains(List<RetentionPoint> points) {
    points.forEach(p -> byId.put(p.id(), p));
    for (RetentionPoint p : points) {
      RunId head = headOf(p);
      if (head != null) {
        heads.put(p.id(), head);
        members.computeIfAbsent(head, h -> new ArrayList<>()).add(p.id());
      }
    }
  }

  private RunId headOf(RetentionPoint p) {
    if (p.level() == Level.FULL) {
      return p.id();
    }
    if (!p.needsKnown() || p.parent() == null || p.parent().compareTo(p.id()) >= 0) {
      return null;
    }
    return heads.get(p.parent()); // parents come first; null when missing or of unknown chain
  }

  RetentionPoint point(RunId id) {
    return byId.get(id);
  }

  boolean contains(RunId id) {
    return byId.containsKey(id);
  }

  /** The full that {@code run}'s chain starts with, or null when its chain is unknown. */
  RunId head(RunId run) {
    return heads.get(run);
  }

  /** The runs of the chain that starts with {@code head}, oldest first. */
  List<RunId> members(RunId head) {
    return members.getOrDefault(head, List.of());
  }

  /** The runs of {@code run}'s chain, or {@code run} alone when its chain is unknown. */
  List<RunId> chainOf(RunId run) {
    RunId head = heads.get(run);
    return head == null ? List.of(run) : members(head);
  }

  boolean chainKnown(RunId run) {
    return heads.containsKey(run);
  }
}
