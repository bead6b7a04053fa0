package it.continuo.catalog;

import java.io.IOException;

/** A run asked for by id or time that the target does not have. */
public class NoSuchRunException extends IOException {
  public NoSuchRunException(String message) {
    super(message);
  }
}
