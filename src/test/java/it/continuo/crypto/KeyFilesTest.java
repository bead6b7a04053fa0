package it.continuo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.testing.GpgKeys;
import it.continuo.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reading key files")
class KeyFilesTest {
  static GpgKeys keys;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    keys = GpgKeys.get();
  }

  /** The fingerprint of the key's encryption subkey, as gpg prints it. */
  static String subkeyFingerprint(String email) throws Exception {
    return keys.gpg(
            "--with-colons --with-subkey-fingerprint --list-keys "
                + email
                + " | awk -F: '/^sub/{s=1} s&&/^fpr/{print $10; exit}'")
        .out()
        .strip();
  }

  @Nested
  @DisplayName("a public key")
  class Public {
    @Test
    @DisplayName("armored, encrypts to the encryption subkey, cv25519 or RSA")
    void armored() throws Exception {
      assertThat(EncryptionKey.load(keys.cv25519.publicKey()).fingerprint())
          .isEqualTo(subkeyFingerprint("cv@example.org"));
      assertThat(EncryptionKey.load(keys.rsa.publicKey()).fingerprint())
          .isEqualTo(subkeyFingerprint("rsa@example.org"));
      assertThat(EncryptionKey.load(keys.cv25519.publicKey()).toString())
          .contains("Continuo Test <cv@example.org>");
    }

    @Test
    @DisplayName("binary, too")
    void binary() throws Exception {
      Path file = dir.resolve("key.gpg");
      keys.gpg("--export cv@example.org > " + Shell.quote(file));
      assertThat(EncryptionKey.load(file).fingerprint())
          .isEqualTo(subkeyFingerprint("cv@example.org"));
    }

    @Test
    @DisplayName("missing, not a key, private, or unable to encrypt: errors name the file")
    void refused() throws Exception {
      Path missing = dir.resolve("missing.asc");
      assertThatThrownBy(() -> EncryptionKey.load(missing))
          .isInstanceOf(KeyFileException.class)
          .hasMessage("key file " + missing + ": does not exist");
      Path text = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
      assertThatThrownBy(() -> EncryptionKey.load(text))
          .isInstanceOf(KeyFileException.class)
          .hasMessageStartingWith("key file " + text + ": is not an OpenPGP");
      assertThatThrownBy(() -> EncryptionKey.load(keys.cv25519.secretKey()))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining(keys.cv25519.secretKey() + ": holds a private key");
      assertThatThrownBy(() -> EncryptionKey.load(keys.signOnly.publicKey()))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining("has no valid subkey for encryption");
    }
  }

  @Nested
  @DisplayName("a private key")
  class Private {
    @Test
    @DisplayName("loads without a passphrase, or with the right one")
    void loads() throws Exception {
      assertThat(DecryptionKey.load(keys.cv25519.secretKey(), "").toString())
          .contains(keys.cv25519.secretKey().toString());
      assertThat(DecryptionKey.load(keys.withPassphrase.secretKey(), GpgKeys.PASSPHRASE).file())
          .isEqualTo(keys.withPassphrase.secretKey());
    }

    @Test
    @DisplayName("a wrong or missing passphrase is refused at once")
    void passphrase() {
      assertThatThrownBy(() -> DecryptionKey.load(keys.withPassphrase.secretKey(), "wrong"))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining(keys.withPassphrase.secretKey() + ": wrong passphrase");
      assertThatThrownBy(() -> DecryptionKey.load(keys.withPassphrase.secretKey(), (char[]) null))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining("protected by a passphrase, none given");
    }

    @Test
    @DisplayName("a public key, a missing file or a non-key are refused, naming the file")
    void refused() throws Exception {
      assertThatThrownBy(() -> DecryptionKey.load(keys.cv25519.publicKey(), ""))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining(keys.cv25519.publicKey() + ": holds a public key, not a private");
      Path missing = dir.resolve("none");
      assertThatThrownBy(() -> DecryptionKey.load(missing, ""))
          .hasMessage("key file " + missing + ": does not exist");
      Path text = Files.writeString(dir.resolve("t"), "-----BEGIN nothing\n");
      assertThatThrownBy(() -> DecryptionKey.load(text, ""))
          .isInstanceOf(KeyFileException.class)
          .hasMessageContaining("is not an OpenPGP key");
    }
  }
}
