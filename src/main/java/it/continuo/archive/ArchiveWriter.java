package it.continuo.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import it.continuo.io.DigestingOutputStream;
import it.continuo.manifest.ManifestEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Writes the entries of one run as pax tar into a zstd frame. Call {@link #beginFile}, {@link
 * #write} exactly the announced number of bytes, then {@link #endFile}; directories and links need
 * one call each; {@link #finish} ends the archive and returns its digest. The sink is not closed.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final int BUFFER = 256 * 1024;

  private final DigestingOutputStream digest;
  private final ZstdOutputStreamNoFinalizer zstd;
  private final BufferedOutputStream buffered;
  private final PaxTarWriter tar;
  private long entries;
  private long fileSize;
  private boolean finished;

  public ArchiveWriter(OutputStream sink, int level, int workers) throws IOException {
    this.digest = new DigestingOutputStream(CloseShieldOutputStream.wrap(sink));
    this.zstd = new ZstdOutputStreamNoFinalizer(digest, level);
    // No zstd frame checksum: every file has its SHA-256 and the archive as a whole has one in the
    // manifest, and a frame checksum failing at the very end makes the decoder withhold its last
    // block, so an intact last file would be lost to a flipped byte anywhere else.
    zstd.setChecksum(false);
    if (workers > 0) {
      zstd.setWorkers(workers);
    }
    this.buffered = new BufferedOutputStream(zstd, BUFFER);
    this.tar = new PaxTarWriter(buffered);
  }

  public void directory(ManifestEntry e) throws IOException {
    put(e, PaxTarWriter.Type.DIR, 0, null);
  }

  public void symlink(ManifestEntry e) throws IOException {
    put(e, PaxTarWriter.Type.SYMLINK, 0, e.target());
  }

  /** A hard link to {@code e.target()}, an entry written earlier in this archive or chain. */
  public void hardlink(ManifestEntry e) throws IOException {
    put(e, PaxTarWriter.Type.HARDLINK, 0, e.target());
  }

  /** Starts a regular file of {@code size} bytes with the metadata of {@code e}. */
  public void beginFile(ManifestEntry e, long size) throws IOException {
    put(e, PaxTarWriter.Type.FILE, size, null);
    fileSize = size;
  }

  /** Content of the current file. */
  public void write(byte[] b, int off, int len) throws IOException {
    tar.write(b, off, len);
  }

  public void endFile() throws IOException {
    tar.end(fileSize);
  }

  private void put(ManifestEntry e, PaxTarWriter.Type type, long size, String link)
      throws IOException {
    tar.begin(
        e.path(), type, e.mode(), e.uid(), e.gid(), e.user(), e.group(), e.mtime(), size, link);
    entries++;
  }

  public long entries() {
    return entries;
  }

  /** Compressed bytes produced so far. */
  public long bytesWritten() {
    return digest.count();
  }

  /** Ends the tar stream and the zstd frame; returns the size and SHA-256 of what was stored. */
  public ArchiveDigest finish() throws IOException {
    tar.finish();
    buffered.close(); // ends the zstd frame; the close shield keeps the sink open
    finished = true;
    return new ArchiveDigest(digest.count(), digest.sha256());
  }

  /** Releases the compressor after a failure; the archive is then incomplete and discarded. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      try {
        zstd.close();
      } catch (IOException e) {
        // the upload it fed is being aborted anyway
      }
    }
  }
}
