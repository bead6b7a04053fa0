package it.continuo.manifest;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.CountingOutputStream;

/**
 * Writes a manifest: {@link #header}, then every {@link #entry} in {@link TreeOrder}, then {@link
 * #finish} with the footer. The sink is flushed but not closed; the caller publishes it.
 */
public final class ManifestWriter implements AutoCloseable {
  private final CountingOutputStream sink;
  private final int level;
  private final ZstdOutputStreamNoFinalizer frame;
  private final OutputStream lines;
  private final JsonLine json = new JsonLine();
  private String lastPath;
  private long entries;
  private boolean finished;

  public ManifestWriter(OutputStream sink, int level) throws IOException {
    this.sink = new CountingOutputStream(sink);
    this.level = level;
    this.frame = zstd(CloseShieldOutputStream.wrap(this.sink), level);
    this.lines = new BufferedOutputStream(frame, 1 << 16);
  }

  private static ZstdOutputStreamNoFinalizer zstd(OutputStream out, int level) throws IOException {
    ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, level);
    z.setChecksum(true);
    return z;
  }

  public void header(ManifestHeader header) throws IOException {
    lines.write(ManifestCodec.header(json, header));
  }

  public void entry(ManifestEntry entry) throws IOException {
    next(entry.path());
    lines.write(ManifestCodec.entry(json, entry));
  }

  /**
   * Writes the entry of {@code path} as another manifest stores it: {@code line}, with its newline,
   * copied as is.
   */
  public void copy(String path, byte[] line) throws IOException {
    next(path);
    lines.write(line);
  }

  private void next(String path) {
    if (lastPath != null && TreeOrder.compare(lastPath, path) >= 0) {
      throw new IllegalStateException(
          "manifest entries out of order: " + lastPath + " before " + path);
    }
    lastPath = path;
    entries++;
  }

  public long entries() {
    return entries;
  }

  /** Ends the entries frame, writes the footer frame and the trailer that locates it. */
  public void finish(ManifestFooter footer) throws IOException {
    finished = true;
    lines.close(); // also ends the entries frame
    long footerOffset = sink.getByteCount();
    try (ZstdOutputStreamNoFinalizer footerFrame =
        zstd(CloseShieldOutputStream.wrap(sink), level)) {
      footerFrame.write(ManifestCodec.footer(json, footer));
    }
    sink.write(ManifestTrailer.encode(footerOffset));
    sink.flush();
  }

  /** Releases the compressor after a failure; the manifest is then discarded. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      try {
        lines.close();
      } catch (IOException e) {
        // the upload it fed is being aborted anyway
      }
    }
  }
}
