package it.continuo.crypto;

import java.io.IOException;

/**
 * Encrypted data that cannot be decrypted: damaged, truncated, tampered with, or encrypted to
 * another key. Never a reason to retry.
 */
public class DecryptionException extends IOException {
  DecryptionException(String message) {
    super(message);
  }

  DecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
