package it.continuo.storage;

import java.time.Instant;

/** A committed object: its key, size in bytes and last modification time. */
public record ObjectInfo(String key, long size, Instant modified) {

  /** The last segment of the key. */
  public String name() {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
