package it.continuo.storage.wrap;

import it.continuo.storage.Upload;
import java.io.IOException;

/**
 * An upload that passes every call to another one: a wrapper extends it and overrides only what it
 * changes.
 */
public abstract class ForwardingUpload extends Upload {
  protected final Upload inner;

  protected ForwardingUpload(Upload inner) {
    this.inner = inner;
  }

  @Override
  public String key() {
    return inner.key();
  }

  @Override
  public boolean resumable() {
    return inner.resumable();
  }

  @Override
  public long durable() {
    return inner.durable();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    inner.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    inner.flush();
  }

  @Override
  public void commit() throws IOException {
    inner.commit();
  }

  @Override
  public void abort() {
    inner.abort();
  }

  @Override
  public void close() {
    inner.close();
  }
}
