package it.continuo.storage.wrap;

import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A target that passes every call to another one: a wrapper extends it and overrides only what it
 * changes.
 */
public abstract class ForwardingTarget implements Target {
  protected final Target inner;

  protected ForwardingTarget(Target inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public boolean sizesAreExact() {
    return inner.sizesAreExact();
  }

  @Override
  public InputStream open(String key) throws IOException {
    return inner.open(key);
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    return inner.openRange(key, offset, length);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return inner.stat(key);
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    return inner.list(prefix);
  }

  @Override
  public Upload create(String key) throws IOException {
    return inner.create(key);
  }

  @Override
  public Upload resume(Upload interrupted) throws IOException {
    return inner.resume(interrupted);
  }

  @Override
  public void delete(String key) throws IOException {
    inner.delete(key);
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    inner.cleanupIncomplete(prefix);
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
