package it.continuo.failover.step;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes a client's file keeping its encoding byte for byte: UTF-8 (with or without a
 * byte order mark), and UTF-16 little or big endian with a byte order mark, as Windows writes
 * {@code .rdp} files. Anything else (UTF-16 without a mark, a legacy code page such as Windows-1252
 * with non-ASCII bytes, a binary file) is refused with a clear error rather than guessed: a wrong
 * guess would corrupt the file when it is written back.
 */
record TextCodec(Charset charset, byte[] bom) {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
  private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

  /** A file that is not text in an encoding we write back safely. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message);
    }
  }

  /** The file's text and the codec that writes it back the same way. */
  record Decoded(String text, TextCodec codec) {}

  static Decoded decode(byte[] bytes) throws Unsupported {
    if (startsWith(bytes, UTF8_BOM)) {
      return strict(bytes, new TextCodec(StandardCharsets.UTF_8, UTF8_BOM));
    }
    if (startsWith(bytes, UTF16LE_BOM)) {
      return strict(bytes, new TextCodec(StandardCharsets.UTF_16LE, UTF16LE_BOM));
    }
    if (startsWith(bytes, UTF16BE_BOM)) {
      return strict(bytes, new TextCodec(StandardCharsets.UTF_16BE, UTF16BE_BOM));
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new Unsupported("holds NUL bytes: UTF-16 without a byte order mark, or not text");
      }
    }
    return strict(bytes, new TextCodec(StandardCharsets.UTF_8, new byte[0]));
  }

  private static Decoded strict(byte[] bytes, TextCodec codec) throws Unsupported {
    ByteBuffer body = ByteBuffer.wrap(bytes, codec.bom.length, bytes.length - codec.bom.length);
    try {
      CharBuffer text =
          codec
              .charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(body);
      return new Decoded(text.toString(), codec);
    } catch (CharacterCodingException e) {
      throw new Unsupported(
          "is not valid "
              + codec.charset.name()
              + " (only UTF-8, and UTF-16 with a byte order mark, are rewritten)");
    }
  }

  byte[] encode(String text) {
    byte[] body = text.getBytes(charset);
    byte[] all = Arrays.copyOf(bom, bom.length + body.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    return all;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
  }
}
