package it.continuo.storage.crypt;

import it.continuo.crypto.DecryptionKey;
import it.continuo.crypto.EncryptionKey;
import it.continuo.crypto.OpenPgpDecryptor;
import it.continuo.crypto.OpenPgpEncryptor;
import it.continuo.storage.KeyRequiredException;
import it.continuo.storage.Keys;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.ObjectNotFoundException;
import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target whose objects are stored OpenPGP-encrypted on an inner target: {@code KEY} is stored as
 * {@code KEY.gpg}, which {@code gpg --decrypt} reads with the private key alone.
 *
 * <p>Writing needs only the public key. Reading needs the private key; without one, opening an
 * encrypted object throws {@link KeyRequiredException}. Objects stored in the clear before
 * encryption was turned on stay readable as they are; a key stored both ways reads the encrypted
 * one.
 *
 * <p><b>Sizes</b> in {@link #stat} and {@link #list} are the sizes stored, that is of the
 * <i>ciphertext</i> for encrypted objects (a few hundred bytes more than the plaintext): the
 * plaintext size cannot be known without decrypting. {@link #openRange} decrypts from the start and
 * skips, so ranges far into a large object cost a read of everything before them; a range that
 * reaches the end of the object has its integrity checked.
 *
 * <p>Uploads cannot be resumed ({@link Upload#durable()} is 0): put the retry wrapper between this
 * one and the real target, where it resumes the ciphertext.
 */
public final class EncryptingTarget extends it.continuo.storage.wrap.ForwardingTarget {
  /** The suffix of encrypted objects, so that a sysadmin knows to run gpg on them. */
  public static final String SUFFIX = ".gpg";

  private final OpenPgpEncryptor encryptor;
  private final OpenPgpDecryptor decryptor;

  /**
   * @param inner where the ciphertext goes
   * @param encryptTo the public key new objects are encrypted to, or null to store new objects in
   *     the clear (encryption was turned off, but older objects are still encrypted)
   * @param decryptKey the private key to read encrypted objects with, or null when only backing up
   */
  public EncryptingTarget(Target inner, EncryptionKey encryptTo, DecryptionKey decryptKey) {
    super(inner);
    this.encryptor = encryptTo == null ? null : new OpenPgpEncryptor(encryptTo);
    this.decryptor = decryptKey == null ? null : new OpenPgpDecryptor(decryptKey);
  }

  @Override
  public String location() {
    return inner.location()
        + (encryptor == null ? ", not encrypting" : ", encrypted to " + encryptor.recipient());
  }

  /** Sizes are ciphertext sizes: a little more than the bytes written. */
  @Override
  public boolean sizesAreExact() {
    return false;
  }

  @Override
  public InputStream open(String key) throws IOException {
    Keys.check(key);
    InputStream stored;
    try {
      stored = inner.open(key + SUFFIX);
    } catch (ObjectNotFoundException e) {
      return inner.open(key); // stored before encryption was turned on, or missing
    }
    return decrypt(stored, key);
  }

  private InputStream decrypt(InputStream stored, String key) throws IOException {
    if (decryptor == null) {
      stored.close();
      throw new KeyRequiredException(inner.name(), key + SUFFIX);
    }
    return decryptor.decrypt(stored, key + SUFFIX + " on target " + inner.name());
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    Keys.check(key);
    InputStream stored;
    try {
      stored = inner.open(key + SUFFIX);
    } catch (ObjectNotFoundException e) {
      return inner.openRange(key, offset, length);
    }
    InputStream plain = decrypt(stored, key);
    try {
      skip(plain, offset);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
    return new LimitedInputStream(plain, length);
  }

  /** Skips {@code n} bytes, or to the end when there are fewer. */
  private static void skip(InputStream in, long n) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (EOFException e) {
      // the range starts at or after the end: it is empty
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    Keys.check(key);
    Optional<ObjectInfo> encrypted = inner.stat(key + SUFFIX);
    if (encrypted.isPresent()) {
      ObjectInfo o = encrypted.get();
      return Optional.of(new ObjectInfo(key, o.size(), o.modified()));
    }
    return inner.stat(key);
  }

  /** Keys as written (without {@value #SUFFIX}), sorted by them; sizes as stored. */
  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    Map<String, ObjectInfo> byKey = new LinkedHashMap<>();
    for (ObjectInfo o : inner.list(prefix)) {
      if (o.key().endsWith(SUFFIX)) {
        String key = o.key().substring(0, o.key().length() - SUFFIX.length());
        if (key.startsWith(prefix)) {
          byKey.put(key, new ObjectInfo(key, o.size(), o.modified()));
        }
      } else {
        byKey.putIfAbsent(o.key(), o);
      }
    }
    List<ObjectInfo> objects = new ArrayList<>(byKey.values());
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  @Override
  public Upload create(String key) throws IOException {
    Keys.check(key);
    if (encryptor == null) {
      return inner.create(key);
    }
    Upload stored = inner.create(key + SUFFIX);
    try {
      return new EncryptingUpload(key, stored, encryptor.encrypt(stored));
    } catch (IOException | RuntimeException e) {
      stored.close();
      throw e;
    }
  }

  /** Deletes both the encrypted and a clear copy stored before encryption was turned on. */
  @Override
  public void delete(String key) throws IOException {
    Keys.check(key);
    inner.delete(key + SUFFIX);
    inner.delete(key);
  }
}
