package it.continuo.storage.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/** The checksums S3 takes in headers: CRC32C and MD5, base64 of the big-endian bytes. */
final class Checksums {
  private Checksums() {}

  static String crc32c(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    return base64(crc.getValue());
  }

  /**
   * The checksum S3 reports for a whole multipart object: the CRC32C of the concatenated part
   * checksums, followed by "-" and the number of parts.
   */
  static String compositeCrc32c(List<String> partChecksums) {
    CRC32C crc = new CRC32C();
    for (String part : partChecksums) {
      crc.update(Base64.getDecoder().decode(part));
    }
    return base64(crc.getValue()) + "-" + partChecksums.size();
  }

  static byte[] md5(byte[] b, int off, int len) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(b, off, len);
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String base64(long crc) {
    byte[] b = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    return base64(b);
  }
}
