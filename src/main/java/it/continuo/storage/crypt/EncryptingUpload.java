package it.continuo.storage.crypt;

import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An upload whose bytes are encrypted on their way to the inner upload. It cannot be resumed:
 * {@link #durable()} is 0 (a retry wrapper placed under the encryption resumes the ciphertext).
 */
final class EncryptingUpload extends Upload {
  private final String key;
  private final Upload inner;
  private final OutputStream encrypted;
  private boolean finished;

  EncryptingUpload(String key, Upload inner, OutputStream encrypted) {
    this.key = key;
    this.inner = inner;
    this.encrypted = encrypted;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public void write(int b) throws IOException {
    encrypted.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    encrypted.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    encrypted.flush();
  }

  /** Writes the end of the OpenPGP message (last chunk, integrity code), then commits. */
  @Override
  public void commit() throws IOException {
    if (finished) {
      throw new IllegalStateException("upload already finished: " + key);
    }
    try {
      encrypted.close();
      inner.commit();
      finished = true;
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  @Override
  public void abort() {
    finished = true;
    inner.abort();
  }

  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }
}
