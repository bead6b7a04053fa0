package it.continuo.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;

/**
 * Decrypts OpenPGP messages encrypted to a {@link DecryptionKey}: those of {@link
 * OpenPgpEncryptor}, and those of {@code gpg --encrypt} (compressed or not, armored or binary).
 *
 * <p>The plaintext is streamed as it is decrypted; the integrity code at the end of the message is
 * checked when the plaintext ends, and a stream whose data was damaged, tampered with or cut short
 * throws a {@link DecryptionException} there instead of ending. A caller that reads to the end
 * therefore never takes truncated or altered plaintext for the whole. Messages without integrity
 * protection are refused.
 */
public final class OpenPgpDecryptor {
  /** Key agreement algorithms (X25519 with OpenPGP's KDF) only Bouncy Castle's provider has. */
  private static final Provider BC = new BouncyCastleProvider();

  private final DecryptionKey key;

  public OpenPgpDecryptor(DecryptionKey key) {
    this.key = key;
  }

  /** Decrypts {@code in}; closing the result closes {@code in}. */
  public InputStream decrypt(InputStream in) throws IOException {
    return decrypt(in, "the data");
  }

  /**
   * Decrypts {@code in}, naming it {@code what} ("agent/job/RUN.tar.zst.gpg on target nas") in
   * errors. Closing the result closes {@code in}.
   */
  public InputStream decrypt(InputStream in, String what) throws IOException {
    try {
      return open(in, what);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private InputStream open(InputStream in, String what) throws IOException {
    PGPEncryptedDataList list = encryptedDataList(PGPUtil.getDecoderStream(in), what);
    List<Long> recipients = new ArrayList<>();
    for (PGPEncryptedData d : list) {
      if (d instanceof PGPPublicKeyEncryptedData p) {
        recipients.add(p.getKeyID());
        PGPPrivateKey privateKey = key.forKeyId(p.getKeyID());
        if (privateKey != null) {
          return contents(p, privateKey, in, what);
        }
      }
    }
    for (PGPEncryptedData d : list) { // anonymous recipients (key id 0, gpg --throw-keyids)
      if (d instanceof PGPPublicKeyEncryptedData p && p.getKeyID() == 0) {
        for (PGPPrivateKey k : key.all()) {
          try {
            return contents(p, k, in, what);
          } catch (DecryptionException e) {
            // not this key: try the next one
          }
        }
      }
    }
    throw new DecryptionException(
        what
            + " is encrypted to "
            + (recipients.isEmpty() ? "a passphrase, not a key" : describe(recipients))
            + ", not to the private key in "
            + key);
  }

  private static PGPEncryptedDataList encryptedDataList(InputStream in, String what)
      throws IOException {
    BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
    try {
      Object o = factory.nextObject();
      while (o instanceof PGPMarker) {
        o = factory.nextObject();
      }
      if (o instanceof PGPEncryptedDataList list) {
        return list;
      }
    } catch (IOException | RuntimeException e) {
      throw new DecryptionException(
          what + " is not OpenPGP encrypted data or is damaged (" + e.getMessage() + ")", e);
    }
    throw new DecryptionException(what + " is not OpenPGP encrypted data");
  }

  private static String describe(List<Long> keyIds) {
    StringBuilder s = new StringBuilder(keyIds.size() == 1 ? "key " : "keys ");
    for (int i = 0; i < keyIds.size(); i++) {
      s.append(i == 0 ? "" : ", ")
          .append(keyIds.get(i) == 0 ? "an anonymous key" : KeyFiles.keyId(keyIds.get(i)));
    }
    return s.toString();
  }

  private static InputStream contents(
      PGPPublicKeyEncryptedData data, PGPPrivateKey privateKey, InputStream in, String what)
      throws IOException {
    if (!data.isIntegrityProtected()) {
      throw new DecryptionException(
          what + " is encrypted without integrity protection; refusing to decrypt it");
    }
    PublicKeyDataDecryptorFactory factory =
        new JcePublicKeyDataDecryptorFactoryBuilder()
            .setProvider(BC)
            .setContentProvider("SunJCE")
            .build(privateKey);
    try {
      InputStream clear = data.getDataStream(factory);
      return new VerifiedInputStream(literal(clear, what), data, in, what);
    } catch (PGPException | RuntimeException e) {
      throw new DecryptionException(
          "cannot decrypt "
              + what
              + " with key "
              + KeyFiles.keyId(privateKey.getKeyID())
              + ": it was damaged or tampered with ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The literal data inside, decompressing what gpg compressed. */
  private static InputStream literal(InputStream clear, String what)
      throws IOException, PGPException {
    Object o = new BcPGPObjectFactory(clear).nextObject();
    if (o instanceof PGPCompressedData c) {
      o = new BcPGPObjectFactory(c.getDataStream()).nextObject();
    }
    if (o instanceof PGPLiteralData l) {
      return l.getInputStream();
    }
    throw new DecryptionException(
        what
            + " holds "
            + (o == null ? "nothing" : o.getClass().getSimpleName())
            + " instead of literal data (signed messages are not supported)");
  }
}
