package it.continuo.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A place that stores objects by key: a directory, an SFTP server, a bucket.
 *
 * <p>The contract every implementation keeps, checked by one shared test suite:
 *
 * <ul>
 *   <li><b>Keys</b> are relative, '/'-separated, without "." or ".." segments; an invalid key is a
 *       {@link TargetException.Kind#PERMANENT} error.
 *   <li><b>Missing objects</b>: {@link #open} and {@link #openRange} throw {@link
 *       ObjectNotFoundException}; {@link #stat} returns empty; {@link #delete} succeeds.
 *   <li><b>Ranges</b>: {@link #openRange} returns exactly the bytes {@code [offset, offset +
 *       length)}, fewer only when the object ends first.
 *   <li><b>Listing</b> returns committed objects only, sorted by key, never the temporary state of
 *       an upload in progress or abandoned.
 *   <li><b>Publication</b>: {@link #create} returns an {@link Upload}; its bytes become visible
 *       under the key all at once on {@link Upload#commit}, replacing any earlier object, or never
 *       (abort, crash, error).
 *   <li><b>Errors</b> are {@link TargetException}s classified as not found, permanent (retrying
 *       will not help: permissions, no space, bad credentials) or transient (a dropped connection,
 *       a timeout, a server error).
 * </ul>
 */
public interface Target extends Closeable {

  /** The target's name in the configuration. */
  String name();

  /** Where it is, for messages: "local /mnt/nas/continuo". Never contains a secret. */
  String location();

  InputStream open(String key) throws IOException;

  /**
   * Whether {@link #stat} and {@link #list} give the size of the bytes written, so that ranges can
   * be counted back from the end. False when they give what is stored instead (an encrypting
   * target's ciphertext); ranges are always in written bytes.
   */
  default boolean sizesAreExact() {
    return true;
  }

  InputStream openRange(String key, long offset, long length) throws IOException;

  Optional<ObjectInfo> stat(String key) throws IOException;

  /** Committed objects whose keys start with {@code prefix}, sorted by key. */
  List<ObjectInfo> list(String prefix) throws IOException;

  Upload create(String key) throws IOException;

  /**
   * Continues an upload interrupted by a transient error: the returned upload holds the first
   * {@code interrupted.durable()} bytes already and expects the rest, then commits as usual.
   *
   * @throws TargetException (permanent) when this target cannot resume uploads
   */
  default Upload resume(Upload interrupted) throws IOException {
    throw new TargetException(
        TargetException.Kind.PERMANENT, "target " + name() + " cannot resume an upload");
  }

  void delete(String key) throws IOException;

  /**
   * Removes what interrupted uploads under {@code prefix} left behind (temporary files, incomplete
   * multipart uploads). Called under the job's lock, so none of them is still in use.
   */
  void cleanupIncomplete(String prefix) throws IOException;

  @Override
  default void close() throws IOException {}
}
