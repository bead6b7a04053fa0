package it.continuo.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex strings, the form used in manifests and reports. */
public final class Sha256 {
  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String hex(MessageDigest digest) {
    return HEX.formatHex(digest.digest());
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** The digest of no bytes at all, the content hash of every empty file. */
  public static final String EMPTY = hex(newDigest());

  /**
   * Hashes a few thousand tiny blocks. SHA-256 is fast only once the JIT has compiled it to the
   * CPU's SHA instructions, ten times slower until then; asked for early, that compilation is not
   * queued behind everything else a starting command compiles, and the first large file is not
   * hashed at the slow speed (measured on a 200 MB file early in an incremental backup).
   */
  static void warmUp() {
    MessageDigest d = newDigest();
    byte[] block = new byte[128];
    for (int i = 0; i < 20_000; i++) {
      d.update(block);
    }
    d.digest();
  }

  /**
   * {@link #warmUp} on a thread of its own, once per process: a command that hashes calls it first,
   * so that the compilation is done while the command is still reading its configuration on the
   * other core; the engines call it too (for the daemon, whose first backup may come hours after
   * its start), which costs nothing once it has run. Interpreted, the warm-up itself takes a tenth
   * of a second or more: on the thread that stores or restores, it would delay the first file.
   */
  public static void warmUpInBackground() {
    WarmUp.once("sha256-warm-up", Sha256::warmUp);
  }

  public static boolean isValid(String hex) {
    if (hex == null || hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
