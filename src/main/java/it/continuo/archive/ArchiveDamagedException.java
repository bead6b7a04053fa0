package it.continuo.archive;

import java.io.IOException;

/** The archive's bytes are not a valid zstd-compressed tar stream (or not the expected one). */
public class ArchiveDamagedException extends IOException {
  public ArchiveDamagedException(String message, Throwable cause) {
    super(message, cause);
  }

  public ArchiveDamagedException(String message) {
    super(message);
  }
}
