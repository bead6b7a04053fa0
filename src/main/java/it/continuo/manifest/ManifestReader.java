package it.continuo.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams a manifest: {@link #header()} first, then {@link #next()} until it returns null, then
 * {@link #footer()}. Every damage (bad compression, malformed line, entries out of order, no
 * footer) surfaces as a {@link ManifestException}.
 */
public final class ManifestReader implements Closeable {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final InputStream raw;
  private final ZstdInputStreamNoFinalizer zstd;
  private final LineReader lines;
  private long lineNumber;
  private final EntryLineParser fastParser = new EntryLineParser();
  private final ManifestHeader header;
  private ManifestFooter footer;
  private String lastPath;
  private long entries;

  private ManifestReader(InputStream raw) throws IOException {
    this.raw = raw;
    this.zstd = new ZstdInputStreamNoFinalizer(new BufferedInputStream(raw, 1 << 16));
    this.lines = new LineReader(zstd);
    ManifestCodec.Line first = readLine();
    if (first == null || first.header() == null) {
      close();
      throw new ManifestException("manifest does not start with a header");
    }
    this.header = first.header();
  }

  /** Opens a manifest stream; the reader owns and closes it. */
  public static ManifestReader open(InputStream in) throws IOException {
    try {
      return new ManifestReader(in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  public ManifestHeader header() {
    return header;
  }

  /** The next entry in tree order, or null after the last one (the footer has then been read). */
  public ManifestEntry next() throws IOException {
    if (footer != null) {
      return null;
    }
    ManifestCodec.Line line = readLine();
    if (line == null) {
      throw new ManifestException(
          "manifest has no footer (truncated after " + entries + " entries)");
    }
    if (line.footer() != null) {
      footer = line.footer();
      if (footer.entries() != entries) {
        throw new ManifestException(
            "manifest footer counts "
                + footer.entries()
                + " entries but "
                + entries
                + " precede it");
      }
      if (readLine() != null) {
        throw new ManifestException("manifest has lines after its footer");
      }
      return null;
    }
    if (line.entry() == null) {
      throw new ManifestException("manifest has a second header");
    }
    ManifestEntry e = line.entry();
    if (lastPath != null && TreeOrder.compare(lastPath, e.path()) >= 0) {
      throw new ManifestException("manifest entries out of order at " + e.path());
    }
    lastPath = e.path();
    entries++;
    return e;
  }

  /** The footer; reads through any remaining entries first. */
  public ManifestFooter footer() throws IOException {
    while (footer == null) {
      next();
    }
    return footer;
  }

  /** The line of the entry {@link #next()} returned last, as stored, with its newline. */
  public byte[] lastLine() {
    int from = lines.lineStart();
    return Arrays.copyOfRange(lines.buffer(), from, from + lines.lineLength());
  }

  private ManifestCodec.Line readLine() throws IOException {
    try {
      if (!lines.next()) {
        return null;
      }
      lineNumber++;
      byte[] b = lines.buffer();
      int len = lines.lineLength();
      if (b[lines.lineStart() + len - 1] != '\n') {
        throw new ManifestException("manifest ends in the middle of a line");
      }
      ManifestEntry fast = lineNumber > 1 ? fastParser.parse(b, lines.lineStart(), len) : null;
      if (fast != null) {
        return new ManifestCodec.Line(null, fast, null);
      }
      try (JsonParser parser = JSON.createParser(b, lines.lineStart(), len)) {
        ManifestCodec.Line line = ManifestCodec.read(parser);
        if (line == null || parser.nextToken() != null) {
          throw new ManifestException("not one JSON object per line");
        }
        return line;
      } catch (ManifestException e) {
        throw new ManifestException(
            "manifest line " + lineNumber + " is malformed: " + e.getMessage(), e);
      }
    } catch (ZstdIOException e) {
      throw new ManifestException("manifest is damaged: " + e.getMessage(), e);
    } catch (StreamReadException e) {
      throw new ManifestException("manifest is malformed: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      zstd.close(); // frees the native decoder
    } finally {
      raw.close();
    }
  }
}
