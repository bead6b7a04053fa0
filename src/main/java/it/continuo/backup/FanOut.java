package it.continuo.backup;

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
  private long bytes;

  FanOut(List<Destination> destinations, Function<Destination, OutputStream> upload) {
    this.destinations = destinations;
    this.upload = upload;
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
    bytes += len;
    each(out -> out.write(b, off, len));
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
