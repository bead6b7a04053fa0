package it.continuo.archive;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import it.continuo.io.DigestingInputStream;
import it.continuo.io.ReadAheadInputStream;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an archive entry by entry while digesting its stored bytes. Call {@link #next()} until it
 * returns null, reading {@link #content()} of the entries you need, then {@link #finish()} to drain
 * the rest and get the digest of the whole stored archive.
 */
public final class ArchiveReader implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final String name;
  private final InputStream raw;
  private final DigestingInputStream digest;
  private final ZstdInputStreamNoFinalizer zstd;
  private final ReadAheadInputStream decompressed;
  private final TarArchiveInputStream tar;
  private ArchiveEntryHeader current;

  /**
   * @param name the archive's name, for messages
   * @param raw the stored bytes; the reader owns and closes the stream
   */
  public ArchiveReader(String name, InputStream raw) throws IOException {
    this.name = name;
    this.raw = raw;
    this.digest = new DigestingInputStream(new BufferedInputStream(raw, BUFFER));
    this.zstd = new ZstdInputStreamNoFinalizer(digest);
    // decompressing on its own thread, while this one hashes and writes what comes out
    this.decompressed = new ReadAheadInputStream(zstd, BUFFER, 8, "decompress " + name);
    this.tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
  }

  /** The next entry, or null at the end of the tar stream. */
  public ArchiveEntryHeader next() throws IOException {
    TarArchiveEntry t;
    try {
      t = tar.getNextEntry();
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(e, current == null ? "at its start" : "after " + current.path());
    }
    if (t == null) {
      current = null;
      return null;
    }
    String path = t.getName();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ArchiveEntryHeader.Type type;
    if (t.isLink()) {
      type = ArchiveEntryHeader.Type.HARDLINK;
    } else if (t.isSymbolicLink()) {
      type = ArchiveEntryHeader.Type.SYMLINK;
    } else if (t.isDirectory()) {
      type = ArchiveEntryHeader.Type.DIR;
    } else if (t.isFile()) {
      type = ArchiveEntryHeader.Type.FILE;
    } else {
      type = ArchiveEntryHeader.Type.OTHER;
    }
    String link = t.isLink() || t.isSymbolicLink() ? t.getLinkName() : null;
    current = new ArchiveEntryHeader(path, type, t.getSize(), link);
    return current;
  }

  /** The content of the current entry; damage while reading it is an ArchiveDamagedException. */
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return tar.read(buffer, offset, length);
    } catch (IOException | IllegalArgumentException e) {
      throw damaged(e, "in " + (current == null ? "?" : current.path()));
    }
  }

  /** Reads the rest of the stored archive and returns its size and SHA-256. */
  public ArchiveDigest finish() throws IOException {
    try {
      while (next() != null) {
        // skipping entries nobody asked for
      }
      // Past the tar end marker: read the zstd frame through to its checksum.
      byte[] buffer = new byte[64 * 1024];
      while (decompressed.read(buffer) >= 0) {
        // padding
      }
    } catch (IOException e) {
      throw damaged(e, "near its end");
    }
    digest.drain();
    return new ArchiveDigest(digest.count(), digest.sha256());
  }

  private ArchiveDamagedException damaged(Exception e, String where) {
    if (e instanceof ArchiveDamagedException a) {
      return a;
    }
    String what =
        e instanceof ZstdIOException ? "zstd data is corrupt" : String.valueOf(e.getMessage());
    return new ArchiveDamagedException("archive " + name + " is damaged " + where + ": " + what, e);
  }

  @Override
  public void close() throws IOException {
    decompressed.close(); // stops the read-ahead thread first: the decoder is not thread-safe
    try {
      zstd.close(); // frees the native decoder
    } finally {
      raw.close();
    }
  }
}
