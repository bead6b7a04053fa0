package it.continuo.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An object's bytes as they arrive: a broken connection is a transient target error, and closing
 * before the end drops the connection instead of reading the rest of a large object to reuse it.
 */
final class ObjectStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private final S3Errors errors;
  private final String key;
  private boolean ended;

  ObjectStream(ResponseInputStream<?> response, S3Errors errors, String key) {
    super(response);
    this.response = response;
    this.errors = errors;
    this.key = key;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      ended |= b < 0;
      return b;
    } catch (IOException | RuntimeException e) {
      throw errors.classify(e, "reading " + key);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      ended |= n < 0;
      return n;
    } catch (IOException | RuntimeException e) {
      throw errors.classify(e, "reading " + key);
    }
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      response.abort();
    }
    try {
      super.close();
    } catch (IOException | RuntimeException e) {
      // the connection is dropped anyway; nothing the reader could do about it
    }
  }
}
