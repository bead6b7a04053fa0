package it.continuo.replica;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The listing GNU find prints with {@link #PRINTF}: nine fields per entry, each ended by a NUL
 * (type, size, mtime, ctime, mode, uid, gid, path relative to the root, link target). A name holds
 * no NUL, so every byte of it, newlines included, comes through as it is.
 */
final class FindFormat {
  static final String PRINTF = "%y\\0%s\\0%T@\\0%C@\\0%m\\0%U\\0%G\\0%P\\0%l\\0";
  private static final int FIELDS = 9;
  private static final int MAX_FIELD = 1 << 16;

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] field = new byte[256];

  FindFormat(InputStream in) {
    this.in = in;
  }

  /** The find arguments that list {@code root} (the root itself first, with an empty path). */
  static List<String> command(String root) {
    return new ArrayList<>(List.of("find", root, "-printf", PRINTF));
  }

  /**
   * The next entry, the root's included (its path is empty), or null at the end.
   *
   * @throws IOException for an entry cut short or a field that is not what find prints
   */
  Entry next() throws IOException {
    byte[][] f = new byte[FIELDS][];
    for (int i = 0; i < FIELDS; i++) {
      f[i] = field(i == 0);
      if (f[i] == null) {
        return null;
      }
    }
    try {
      if (f[0].length != 1) {
        throw new IOException("not a file type: " + Entry.text(f[0]));
      }
      return new Entry(
          f[7],
          (char) f[0][0],
          number(f[1], 10),
          nanos(ascii(f[2])),
          nanos(ascii(f[3])),
          (int) number(f[4], 8),
          number(f[5], 10),
          number(f[6], 10),
          f[8]);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IOException("unexpected find output near " + Entry.text(f[7]) + ": " + e, e);
    }
  }

  /** {@code 1732600000.1234567890} (seconds, any fraction) as nanoseconds. */
  static long nanos(String seconds) {
    return new BigDecimal(seconds)
        .movePointRight(9)
        .setScale(0, java.math.RoundingMode.FLOOR)
        .longValueExact();
  }

  /** A non-negative number in ASCII digits, without making a string of it. */
  static long number(byte[] b, int radix) {
    if (b.length == 0 || b.length > 19) {
      throw new NumberFormatException("not a number: " + Entry.text(b));
    }
    long n = 0;
    for (byte c : b) {
      int d = c - '0';
      if (d < 0 || d >= radix) {
        throw new NumberFormatException("not a number: " + Entry.text(b));
      }
      n = n * radix + d;
    }
    return n;
  }

  private static String ascii(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private byte[] field(boolean first) throws IOException {
    int n = 0;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit < 0) {
          limit = 0;
          if (first && n == 0) {
            return null;
          }
          throw new EOFException("find output cut in the middle of an entry");
        }
      }
      byte b = buffer[pos++];
      if (b == 0) {
        return n == 0 ? Entry.NONE : Arrays.copyOf(field, n);
      }
      if (n == field.length) {
        if (n >= MAX_FIELD) {
          throw new IOException("find output: a field longer than " + MAX_FIELD + " bytes");
        }
        field = Arrays.copyOf(field, n * 2);
      }
      field[n++] = b;
    }
  }
}
