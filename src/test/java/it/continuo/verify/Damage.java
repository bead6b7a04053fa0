package it.continuo.verify;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import it.continuo.manifest.ManifestTrailer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of damage a target suffers (bit rot, a copy cut short, a file lost, a manifest written
 * halfway), each applied in place to a file of a real run.
 */
final class Damage {
  private Damage() {}

  /** Bit rot: inverts every bit of the byte at {@code offset}. */
  static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(~b & 0xff);
    }
  }

  /** A copy cut short: keeps the first {@code size} bytes. */
  static void truncate(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  /**
   * A manifest cut right before its footer frame: the entries frame is intact, the footer frame and
   * the trailer that locates it are gone.
   */
  static void cutFooter(Path manifest) throws IOException {
    long size = Files.size(manifest);
    byte[] trailer;
    try (RandomAccessFile f = new RandomAccessFile(manifest.toFile(), "r")) {
      trailer = new byte[ManifestTrailer.SIZE];
      f.seek(size - trailer.length);
      f.readFully(trailer);
    }
    truncate(manifest, ManifestTrailer.footerOffset(trailer, size));
  }

  /**
   * A manifest rewritten (as {@code zstd -dc | head -n -N | zstd} would) without its last {@code
   * lines} lines: a valid zstd file, but without footer or trailer.
   *
   * @return the lines kept
   */
  static List<String> dropLastLines(Path manifest, int lines) throws IOException {
    String text;
    try (InputStream in = new ZstdInputStream(Files.newInputStream(manifest))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> all = Arrays.asList(text.split("\n"));
    if (!all.get(all.size() - 1).startsWith("{\"footer\"")) {
      throw new IllegalStateException("the manifest does not end with its footer: " + manifest);
    }
    List<String> kept = all.subList(0, all.size() - lines);
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(manifest), 3)) {
      out.write((String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return kept;
  }
}
