package it.continuo.report.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * An opaque RGB image as PNG: rows unfiltered, compressed by the JDK's native zlib. ImageIO's
 * writer tries five filters on every row in Java, which cost a cold render of a big report more
 * than a second (most of it compiling that loop); charts are flat colours, which zlib packs well
 * unfiltered.
 */
final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int RGB = 2;

  private Png() {}

  /** The PNG of {@code image}, which must be {@link BufferedImage#TYPE_INT_RGB}. */
  static byte[] encode(BufferedImage image) throws IOException {
    if (image.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("not TYPE_INT_RGB: " + image.getType());
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
    out.write(SIGNATURE);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(header);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, RGB, 0, 0, 0}); // 8 bits, RGB, deflate, no filter method, no interlace
    chunk(out, "IHDR", header.toByteArray());
    ByteArrayOutputStream data = new ByteArrayOutputStream(width * height / 8);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater, 1 << 16)) {
      byte[] row = new byte[1 + 3 * width]; // filter type 0, then R G B per pixel
      for (int y = 0; y < height; y++) {
        int at = y * width;
        for (int x = 0, i = 1; x < width; x++) {
          int p = pixels[at + x];
          row[i++] = (byte) (p >> 16);
          row[i++] = (byte) (p >> 8);
          row[i++] = (byte) p;
        }
        z.write(row);
      }
    } finally {
      deflater.end();
    }
    chunk(out, "IDAT", data.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream chunk = new DataOutputStream(out);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    chunk.writeInt(data.length);
    chunk.write(name);
    chunk.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    chunk.writeInt((int) crc.getValue());
  }
}
