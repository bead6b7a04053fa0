package it.continuo.manifest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The last 24 bytes of a manifest: a zstd skippable frame (which {@code zstd -dc} ignores) holding
 * the offset of the footer frame.
 */
public final class ManifestTrailer {
  public static final int SIZE = 24;
  private static final int SKIPPABLE_MAGIC = 0x184D2A5E;
  private static final byte[] TAG = "CONTINUO".getBytes(StandardCharsets.US_ASCII);

  private ManifestTrailer() {}

  static byte[] encode(long footerOffset) {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(SKIPPABLE_MAGIC).putInt(16).put(TAG).putLong(footerOffset);
    return b.array();
  }

  /**
   * The footer frame's offset recorded in a trailer.
   *
   * @throws ManifestException when the bytes are not a trailer (a truncated or foreign file)
   */
  public static long footerOffset(byte[] trailer, long manifestSize) throws ManifestException {
    if (trailer.length != SIZE) {
      throw new ManifestException("manifest too short to hold its footer");
    }
    ByteBuffer b = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN);
    byte[] tag = new byte[TAG.length];
    if (b.getInt() != SKIPPABLE_MAGIC || b.getInt() != 16 || !b.get(tag).hasRemaining()) {
      throw new ManifestException("manifest has no footer");
    }
    if (!java.util.Arrays.equals(tag, TAG)) {
      throw new ManifestException("manifest has no footer");
    }
    long offset = b.getLong();
    if (offset <= 0 || offset >= manifestSize - SIZE) {
      throw new ManifestException("manifest footer offset out of range");
    }
    return offset;
  }
}
