package it.continuo.replica;

import java.io.Closeable;
import java.io.IOException;

/** Entries read one at a time, in {@link PathOrder} or not depending on where they come from. */
interface EntrySource extends Closeable {
  /** The next entry, or null at the end. */
  Entry next() throws IOException;
}
