package it.continuo.progress;

import java.io.IOException;

/** A run stopped because it was asked to ({@link Progress#cancel}), not because anything broke. */
public final class CancelledException extends IOException {
  public CancelledException(String why) {
    super("cancelled: " + why);
  }
}
