package it.continuo.storage;

import java.io.IOException;

/** A target operation that failed, classified at the source so callers know whether to retry. */
public class TargetException extends IOException {

  /** What kind of failure: decides retries. */
  public enum Kind {
    /** The object does not exist. */
    NOT_FOUND,
    /** Retrying will not help: permissions, no space, bad credentials, invalid key. */
    PERMANENT,
    /** May succeed if retried: dropped connection, timeout, server error. */
    TRANSIENT
  }

  private final Kind kind;

  public TargetException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public TargetException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
