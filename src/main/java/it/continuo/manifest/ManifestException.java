package it.continuo.manifest;

import java.io.IOException;

/** A manifest that cannot be read as one: malformed, truncated or missing its footer. */
public class ManifestException extends IOException {
  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
