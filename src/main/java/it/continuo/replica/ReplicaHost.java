package it.continuo.replica;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** One side of a replica as the check sees it: a machine that lists a tree and hashes files. */
interface ReplicaHost extends Closeable {
  /** {@code secondario (root@127.0.0.3:2222)} or {@code this machine}, for messages. */
  String describe();

  /** Nanoseconds of its modification times' precision: 1 with find, a second over SFTP. */
  long mtimeResolution();

  /**
   * The entries under {@code root}, the root itself first (with an empty path), in no set order;
   * symbolic links are not followed, except a root that is one.
   *
   * @throws SideException when the root does not exist or cannot be listed
   */
  EntrySource list(String root, Duration timeout) throws IOException;

  /**
   * The SHA-256 of each file of {@code list} (paths relative to {@code root}, each ended by a NUL),
   * in list order.
   */
  Hashes hash(String root, Path list, Duration timeout) throws IOException;

  /** Ends what runs and the connection; a listing or hashing still going on fails. */
  @Override
  void close();

  /** SHA-256 digests read one at a time. */
  interface Hashes extends Closeable {
    /** The next file's digest in lower-case hex, or null at the end. */
    String next() throws IOException;
  }
}
