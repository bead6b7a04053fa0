package it.continuo.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of one object being written. Nothing is visible under the key until {@link #commit};
 * {@link #close} without a commit aborts and removes what was written.
 */
public abstract class Upload extends OutputStream {

  /** Makes the object visible under its key, atomically and durably. */
  public abstract void commit() throws IOException;

  /** Throws away what was written. Never fails; problems are logged. */
  public abstract void abort();

  /** Aborts unless committed. */
  @Override
  public abstract void close();
}
