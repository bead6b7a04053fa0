package it.continuo.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of one object being written. Nothing is visible under the key until {@link #commit};
 * {@link #close} without a commit aborts and removes what was written.
 *
 * <p>An upload interrupted by a transient error can be continued where the target still has its
 * bytes: {@link #durable()} says how many leading bytes are safely stored, and {@link
 * Target#resume} opens a new upload of the same object that expects the bytes from there on. Only
 * the bytes after {@link #durable()} need to be sent again, so a retry never restarts a large
 * archive from zero (the retry wrapper keeps them; targets keep that window small).
 */
public abstract class Upload extends OutputStream {

  /** The object's key. */
  public abstract String key();

  /**
   * Whether {@link Target#resume} can continue this upload after a transient error. When false, an
   * interrupted upload must start again from the first byte, so nobody keeps bytes for it.
   */
  public boolean resumable() {
    return false;
  }

  /**
   * How many leading bytes survive an interruption: stored on the target, or held by this upload
   * and handed to the one {@link Target#resume} returns; 0 for a target that cannot resume.
   */
  public long durable() {
    return 0;
  }

  /** Makes the object visible under its key, atomically and durably. */
  public abstract void commit() throws IOException;

  /** Throws away what was written. Never fails; problems are logged. */
  public abstract void abort();

  /** Aborts unless committed. */
  @Override
  public abstract void close();
}
