package it.continuo.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import it.continuo.io.DigestingOutputStream;
import it.continuo.manifest.ManifestEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Writes the entries of one run as pax tar into a zstd frame. Call {@link #beginFile}, write
 * exactly the announced number of bytes to {@link #content()}, then {@link #endFile}; directories
 * and links need one call each; {@link #finish} ends the archive and returns its digest. The sink
 * is not closed.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final int BUFFER = 1 << 20;

  private final DigestingOutputStream digest;
  private final ZstdOutputStreamNoFinalizer zstd;
  private final TarArchiveOutputStream tar;
  private long entries;
  private boolean finished;

  public ArchiveWriter(OutputStream sink, int level, int workers) throws IOException {
    this.digest = new DigestingOutputStream(CloseShieldOutputStream.wrap(sink));
    this.zstd = new ZstdOutputStreamNoFinalizer(digest, level);
    zstd.setChecksum(true);
    if (workers > 0) {
      zstd.setWorkers(workers);
    }
    this.tar =
        new TarArchiveOutputStream(
            new BufferedOutputStream(zstd, BUFFER), StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  public void directory(ManifestEntry e) throws IOException {
    put(entry(e.path() + "/", TarConstants.LF_DIR, e));
    tar.closeArchiveEntry();
  }

  public void symlink(ManifestEntry e) throws IOException {
    TarArchiveEntry t = entry(e.path(), TarConstants.LF_SYMLINK, e);
    t.setLinkName(e.target());
    put(t);
    tar.closeArchiveEntry();
  }

  /** A hard link to {@code e.target()}, an entry written earlier in this archive or chain. */
  public void hardlink(ManifestEntry e) throws IOException {
    TarArchiveEntry t = entry(e.path(), TarConstants.LF_LINK, e);
    t.setLinkName(e.target());
    put(t);
    tar.closeArchiveEntry();
  }

  /** Starts a regular file of {@code size} bytes with the metadata of {@code e}. */
  public void beginFile(ManifestEntry e, long size) throws IOException {
    TarArchiveEntry t = entry(e.path(), TarConstants.LF_NORMAL, e);
    t.setSize(size);
    put(t);
  }

  /** Where the content of the current file goes. */
  public OutputStream content() {
    return tar;
  }

  public void endFile() throws IOException {
    tar.closeArchiveEntry();
  }

  private void put(TarArchiveEntry t) throws IOException {
    tar.putArchiveEntry(t);
    entries++;
  }

  private static TarArchiveEntry entry(String name, byte type, ManifestEntry e) {
    TarArchiveEntry t = new TarArchiveEntry(name, type, true);
    t.setMode(e.mode() & 07777);
    t.setUserId(e.uid());
    t.setGroupId(e.gid());
    t.setUserName(e.user() == null ? "" : e.user());
    t.setGroupName(e.group() == null ? "" : e.group());
    t.setLastModifiedTime(FileTime.from(e.mtime()));
    return t;
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
    tar.close(); // closes the zstd frame; the close shield keeps the sink open
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
