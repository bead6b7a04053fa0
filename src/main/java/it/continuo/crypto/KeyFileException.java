package it.continuo.crypto;

import java.io.IOException;
import java.nio.file.Path;

/** An OpenPGP key file that cannot be used: missing, not a key, the wrong kind of key. */
public class KeyFileException extends IOException {
  KeyFileException(Path file, String problem) {
    super("key file " + file + ": " + problem);
  }

  KeyFileException(Path file, String problem, Throwable cause) {
    super("key file " + file + ": " + problem, cause);
  }
}
