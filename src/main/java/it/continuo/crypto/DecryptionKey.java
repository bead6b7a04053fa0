package it.continuo.crypto;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * The private key that restores and verifications decrypt with, read from a file exported with
 * {@code gpg --export-secret-keys [--armor]}. Only given when asked for ({@code --key FILE} or
 * {@code decryptKey} in the configuration): backups never need it.
 *
 * <p>The passphrase is checked when the file is read, so a wrong one fails at once, not in the
 * middle of a restore.
 */
public final class DecryptionKey {
  private final Path file;
  private final Map<Long, PGPPrivateKey> keys;

  private DecryptionKey(Path file, Map<Long, PGPPrivateKey> keys) {
    this.file = file;
    this.keys = keys;
  }

  /**
   * Reads the private key in {@code file}, unlocking it with {@code passphrase} (empty or null for
   * a key without one). The caller may clear the passphrase afterwards.
   *
   * @throws KeyFileException naming the file when it is missing, not an OpenPGP key, a public key,
   *     has no private key that can decrypt, or the passphrase is wrong
   */
  public static DecryptionKey load(Path file, char[] passphrase) throws KeyFileException {
    char[] pass = passphrase == null ? new char[0] : passphrase;
    PBESecretKeyDecryptor unlock =
        new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(pass);
    Map<Long, PGPPrivateKey> keys = new LinkedHashMap<>();
    boolean publicOnly = false;
    for (Object o : KeyFiles.read(file)) {
      if (o instanceof PGPPublicKeyRing) {
        publicOnly = true;
      } else if (o instanceof PGPSecretKeyRing ring) {
        for (PGPSecretKey s : ring) {
          if (s.getPublicKey().isEncryptionKey() && !s.isPrivateKeyEmpty()) {
            keys.put(s.getKeyID(), unlock(file, s, unlock, pass.length > 0));
          }
        }
      }
    }
    if (keys.isEmpty()) {
      throw new KeyFileException(
          file,
          publicOnly
              ? "holds a public key, not a private key (export it with gpg"
                  + " --export-secret-keys KEY > FILE)"
              : "holds no private key that can decrypt");
    }
    return new DecryptionKey(file, keys);
  }

  /** Convenience for a passphrase held as a string (from a secret file or the environment). */
  public static DecryptionKey load(Path file, String passphrase) throws KeyFileException {
    return load(file, passphrase == null ? null : passphrase.toCharArray());
  }

  private static PGPPrivateKey unlock(
      Path file, PGPSecretKey s, PBESecretKeyDecryptor unlock, boolean passphraseGiven)
      throws KeyFileException {
    try {
      return s.extractPrivateKey(unlock);
    } catch (PGPException | RuntimeException e) {
      throw new KeyFileException(
          file,
          (passphraseGiven
                  ? "wrong passphrase"
                  : "the key is protected by a passphrase, none given")
              + " for private key "
              + KeyFiles.keyId(s.getKeyID()),
          e);
    }
  }

  /** The private key for that key id, or null. */
  PGPPrivateKey forKeyId(long keyId) {
    return keys.get(keyId);
  }

  Iterable<PGPPrivateKey> all() {
    return keys.values();
  }

  /** The file it was read from. */
  public Path file() {
    return file;
  }

  /** For messages: the file and the key ids it can decrypt for. */
  @Override
  public String toString() {
    StringBuilder ids = new StringBuilder();
    for (long id : keys.keySet()) {
      ids.append(ids.length() == 0 ? "" : ", ").append(KeyFiles.keyId(id));
    }
    return file + " (" + ids + ")";
  }
}
