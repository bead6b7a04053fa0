package it.continuo.storage;

import it.continuo.config.LocalTargetConfig;
import it.continuo.config.S3TargetConfig;
import it.continuo.config.SftpTargetConfig;
import it.continuo.config.TargetConfig;
import it.continuo.config.TargetOptions;
import it.continuo.crypto.DecryptionKey;
import it.continuo.crypto.EncryptionKey;
import it.continuo.crypto.KeyFileException;
import it.continuo.storage.crypt.EncryptingTarget;
import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.s3.S3Target;
import it.continuo.storage.sftp.SftpTarget;
import it.continuo.storage.wrap.Backoff;
import it.continuo.storage.wrap.RetryingTarget;
import it.continuo.storage.wrap.ThrottledTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the target a configuration entry describes, with its wrappers in the one order that works:
 * the bandwidth limit next to the real target, retries around it (so a resumed upload replays the
 * bytes the target actually received), and encryption outermost (so retries and resumption work on
 * the ciphertext, and the encryptor sees each byte once).
 */
public final class Targets {
  private Targets() {}

  /** The target as backups use it: encrypting (when configured) with the public key only. */
  public static Target open(TargetConfig config) throws IOException {
    return open(config, null);
  }

  /**
   * The target with {@code key} to read what is encrypted on it; null reads only what is not.
   *
   * @throws KeyFileException when the configured public key cannot be used
   */
  public static Target open(TargetConfig config, DecryptionKey key) throws IOException {
    Target t = wrap(raw(config), config.options());
    Path encryptTo = config.options().encryptTo();
    if (encryptTo != null || key != null) {
      t = new EncryptingTarget(t, encryptTo == null ? null : EncryptionKey.load(encryptTo), key);
    }
    return t;
  }

  /**
   * The private key to read an encrypted target: {@code file} when given (the command line's {@code
   * --key}), else the target's {@code decryptKey}, else none (null).
   *
   * @param passphrase the key's passphrase, or null for the target's {@code decryptPassphrase}
   */
  public static DecryptionKey decryptionKey(TargetConfig config, Path file, String passphrase)
      throws IOException {
    TargetOptions o = config.options();
    Path key = file != null ? file : o.decryptKey();
    if (key == null) {
      return null;
    }
    String pass =
        passphrase != null
            ? passphrase
            : o.decryptPassphrase() == null ? null : o.decryptPassphrase().reveal();
    return DecryptionKey.load(key, pass);
  }

  /** The target itself, without wrappers. */
  public static Target raw(TargetConfig config) throws IOException {
    if (config instanceof LocalTargetConfig local) {
      return new LocalTarget(local.name(), local.path());
    }
    if (config instanceof SftpTargetConfig sftp) {
      return new SftpTarget(sftp);
    }
    if (config instanceof S3TargetConfig s3) {
      return new S3Target(s3);
    }
    throw new IllegalArgumentException("no implementation for target type " + config.type());
  }

  static Target wrap(Target target, TargetOptions options) {
    Target t = target;
    if (options.bandwidth() > 0) {
      t = new ThrottledTarget(t, options.bandwidth());
    }
    return new RetryingTarget(t, new Backoff(options.retries(), options.retryDelay()));
  }
}
