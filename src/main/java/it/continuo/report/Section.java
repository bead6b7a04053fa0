package it.continuo.report;

import java.util.List;

/**
 * A part of the report that another feature fills (server and UPS health, the replica, the last
 * drill). It is always there: one that is not configured says so instead of disappearing.
 *
 * @param key "health", "replica" or "drill"
 * @param configured false until the feature is configured
 * @param state its state; GREEN when not configured (nothing is promised)
 * @param findings what it found, worst first
 */
public record Section(String key, boolean configured, Rag state, List<Finding> findings) {

  /** A section whose feature is not configured. */
  public static Section notConfigured(String key) {
    return new Section(key, false, Rag.GREEN, List.of());
  }
}
