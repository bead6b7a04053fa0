package it.continuo.crypto;

import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;

/**
 * Decrypted plaintext that checks the message's integrity code when it ends: the end of the stream
 * is reported only after the check passed. Any failure on the way (a chunk cut short, a packet
 * garbled by a flipped byte) is a {@link DecryptionException} that names the object.
 */
final class VerifiedInputStream extends InputStream {
  private final InputStream plain;
  private final PGPPublicKeyEncryptedData data;
  private final InputStream source;
  private final String what;
  private boolean verified;

  VerifiedInputStream(
      InputStream plain, PGPPublicKeyEncryptedData data, InputStream source, String what) {
    this.plain = plain;
    this.data = data;
    this.source = source;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (verified) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = plain.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw damaged("the encrypted data is damaged or cut short (" + e.getMessage() + ")", e);
    }
    if (n < 0) {
      verify();
    }
    return n;
  }

  private void verify() throws IOException {
    boolean ok;
    try {
      ok = data.verify();
    } catch (PGPException | IOException | RuntimeException e) {
      throw damaged("the integrity check could not be read (" + e.getMessage() + ")", e);
    }
    if (!ok) {
      throw damaged("the integrity check failed", null);
    }
    verified = true;
  }

  private DecryptionException damaged(String why, Throwable cause) {
    return new DecryptionException(
        "decrypting "
            + what
            + " failed: "
            + why
            + "; it was damaged or tampered with, do not trust what was read from it",
        cause);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
