package it.continuo.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a stream into '\n'-terminated lines without decoding them. */
final class LineReader {
  private final InputStream in;
  private byte[] buffer = new byte[1 << 20];
  private int start;
  private int end;
  private boolean eof;
  private int lineStart;
  private int lineLength;

  LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Advances to the next line; false at the end. A last line without '\n' is still a line (a writer
   * that died mid-line leaves one, and the reader must see it to call it damaged).
   */
  boolean next() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          lineStart = start;
          lineLength = i - start + 1;
          start = i + 1;
          return true;
        }
      }
      if (eof) {
        if (start < end) {
          lineStart = start;
          lineLength = end - start;
          start = end;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int lineStart() {
    return lineStart;
  }

  /** Length of the current line, its '\n' included when it has one. */
  int lineLength() {
    return lineLength;
  }
}
