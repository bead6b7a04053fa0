package it.continuo.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@link ExecResult#MAX_OUTPUT} bytes written to it and drops the rest. */
final class CappedBuffer extends ByteArrayOutputStream {
  @Override
  public synchronized void write(byte[] b, int off, int len) {
    super.write(b, off, Math.max(0, Math.min(len, ExecResult.MAX_OUTPUT - count)));
  }

  @Override
  public synchronized void write(int b) {
    if (count < ExecResult.MAX_OUTPUT) {
      super.write(b);
    }
  }

  synchronized String text() {
    return toString(StandardCharsets.UTF_8);
  }
}
