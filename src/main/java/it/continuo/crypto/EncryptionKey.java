package it.continuo.crypto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * The OpenPGP public key that backups are encrypted to, read from a file exported with {@code gpg
 * --export [--armor]}. Of the key's primary key and subkeys, the newest valid one whose algorithm
 * and key flags allow encryption is used (RSA, or ECDH such as gpg's default cv25519).
 */
public final class EncryptionKey {
  private final Path file;
  private final PGPPublicKey key;
  private final String userId;

  private EncryptionKey(Path file, PGPPublicKey key, String userId) {
    this.file = file;
    this.key = key;
    this.userId = userId;
  }

  /**
   * Reads the public key in {@code file}.
   *
   * @throws KeyFileException naming the file when it is missing, not an OpenPGP public key, holds a
   *     private key or several keys, or has no key that may encrypt
   */
  public static EncryptionKey load(Path file) throws KeyFileException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (Object o : KeyFiles.read(file)) {
      if (o instanceof PGPSecretKeyRing) {
        throw new KeyFileException(
            file,
            "holds a private key; give the public key instead (gpg --export KEY > FILE),"
                + " the private key stays offline");
      } else if (o instanceof PGPPublicKeyRing ring) {
        rings.add(ring);
      }
    }
    if (rings.isEmpty()) {
      throw new KeyFileException(file, "is not an OpenPGP public key");
    }
    if (rings.size() > 1) {
      throw new KeyFileException(
          file, "holds " + rings.size() + " keys; export just the one to encrypt to");
    }
    PGPPublicKeyRing ring = rings.get(0);
    List<PGPPublicKey> usable = new ArrayList<>();
    for (PGPPublicKey k : ring) {
      if (canEncrypt(k)) {
        usable.add(k);
      }
    }
    Iterator<String> ids = ring.getPublicKey().getUserIDs();
    String userId = ids.hasNext() ? ids.next() : "";
    if (usable.isEmpty()) {
      throw new KeyFileException(
          file,
          "key "
              + KeyFiles.keyId(ring.getPublicKey().getKeyID())
              + " has no valid subkey for encryption (add one with gpg --quick-add-key FPR"
              + " default encr)");
    }
    usable.sort(Comparator.comparing(PGPPublicKey::getCreationTime));
    return new EncryptionKey(file, usable.get(usable.size() - 1), userId);
  }

  private static boolean canEncrypt(PGPPublicKey k) {
    if (!k.isEncryptionKey() || k.hasRevocation() || expired(k)) {
      return false;
    }
    Integer flags = keyFlags(k);
    return flags == null || (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
  }

  private static boolean expired(PGPPublicKey k) {
    long valid = k.getValidSeconds();
    return valid > 0 && k.getCreationTime().getTime() + valid * 1000 < System.currentTimeMillis();
  }

  /** The key flags of the newest self- or binding signature that states them, or null. */
  private static Integer keyFlags(PGPPublicKey k) {
    Integer flags = null;
    long newest = Long.MIN_VALUE;
    for (Iterator<PGPSignature> it = k.getSignatures(); it.hasNext(); ) {
      PGPSignature s = it.next();
      var hashed = s.getHashedSubPackets();
      if (hashed != null && hashed.getKeyFlags() != 0 && s.getCreationTime().getTime() > newest) {
        newest = s.getCreationTime().getTime();
        flags = hashed.getKeyFlags();
      }
    }
    return flags;
  }

  PGPPublicKey key() {
    return key;
  }

  /** The file it was read from. */
  public Path file() {
    return file;
  }

  /** The fingerprint of the (sub)key used, in upper-case hex as gpg prints it. */
  public String fingerprint() {
    return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** The long key id of the (sub)key used, "0x" and 16 hex digits. */
  public String keyId() {
    return KeyFiles.keyId(key.getKeyID());
  }

  /** For messages: the subkey's fingerprint and the key's first user id. */
  @Override
  public String toString() {
    return userId.isEmpty() ? fingerprint() : fingerprint() + " (" + userId + ")";
  }
}
