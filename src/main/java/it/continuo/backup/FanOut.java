package it.continuo.backup;

import it.continuo.progress.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the same bytes to one upload of every destination still in the run. A destination whose
 * upload fails is marked failed and left out from then on, and its upload is aborted; the stream
 * fails only when no destination (other than the manifest cache) is left.
 */
final class FanOut extends OutputStream {
  private final List<Destination> destinations;
  private final Function<Destination, OutputStream> upload;
  private final Progress progress;
  private long bytes;

  /**
   * A write is handed on in slices of at most this many bytes, and a cancelled run stops between
   * two slices: over a slow, throttled line a cancel then takes effect within a second or so.
   */
  static final int SLICE = 256 * 1024;

  FanOut(
      List<Destination> destinations,
      Function<Destination, OutputStream> upload,
      Progress progress) {
    this.destinations = destinations;
    this.upload = upload;
    this.progress = progress;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** Bytes written through this stream. */
  long bytes() {
    return bytes;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      progress.checkCancelled();
      int n = Math.min(len, SLICE);
      int from = off;
      each(out -> out.write(b, from, n));
      bytes += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    each(OutputStream::flush);
  }

  private interface Step {
    void apply(OutputStream out) throws IOException;
  }

  /** Applies {@code step} to every destination still in the run; fails when none is left. */
  private void each(Step step) throws IOException {
    boolean alive = false;
    for (Destination d : destinations) {
      if (d.failed()) {
        continue;
      }
      try {
        step.apply(upload.apply(d));
        alive |= !d.cache;
      } catch (IOException | RuntimeException e) {
        d.fail(BackupEngine.message(e));
      }
    }
    if (!alive) {
      throw new IOException(
          destinations.stream()
              .filter(d -> !d.cache)
              .map(d -> d.name + ": " + d.failure())
              .collect(Collectors.joining("; ")));
    }
  }

  /** Does not close the uploads: they are committed or aborted one by one. */
  @Override
  public void close() {}
}
