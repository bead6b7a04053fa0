package it.continuo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.testing.GpgKeys;
import it.continuo.testing.Shell;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Interoperability with GnuPG")
class GpgInteropTest {
  static GpgKeys keys;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    keys = GpgKeys.get();
  }

  void encryptFile(GpgKeys.Key to, Path plain, Path cipher) throws Exception {
    try (OutputStream out = Files.newOutputStream(cipher);
        OutputStream enc = new OpenPgpEncryptor(EncryptionKey.load(to.publicKey())).encrypt(out)) {
      Files.copy(plain, enc);
    }
  }

  @Nested
  @DisplayName("what Continuo encrypts")
  class ContinuoToGpg {
    @Test
    @DisplayName("gpg --decrypt restores byte for byte, for cv25519 and RSA keys")
    void gpgDecrypts() throws Exception {
      Path plain = dir.resolve("plain");
      Files.write(plain, OpenPgpTest.bytes(3_000_000, 9));
      for (GpgKeys.Key k : new GpgKeys.Key[] {keys.cv25519, keys.rsa}) {
        Path cipher = dir.resolve(k.email() + ".gpg");
        encryptFile(k, plain, cipher);
        Path out = dir.resolve(k.email() + ".out");
        keys.gpg("-o " + Shell.quote(out) + " --decrypt " + Shell.quote(cipher));
        assertThat(Files.readAllBytes(out)).as(k.email()).isEqualTo(Files.readAllBytes(plain));
      }
    }

    @Test
    @DisplayName("is AES-256 with an integrity code, uncompressed, with an empty file name")
    void packets() throws Exception {
      Path plain = dir.resolve("secret-name.txt");
      Files.writeString(plain, "hello");
      Path cipher = dir.resolve("x.gpg");
      encryptFile(keys.cv25519, plain, cipher);
      String packets = keys.gpg("-vv --list-packets " + Shell.quote(cipher) + " 2>&1").out();
      assertThat(packets)
          .contains(":pubkey enc packet:")
          .contains("encrypted data packet:")
          .contains("mdc_method: 2")
          .contains("AES256")
          .contains(":literal data packet:")
          .contains("name=\"\"")
          .doesNotContain("compressed packet")
          .doesNotContain("secret-name");
    }

    @Test
    @DisplayName("gpg --decrypt | zstd -dc | tar -x restores a tar.zst made by tar and zstd")
    void pipeline() throws Exception {
      Path tree = Files.createDirectories(dir.resolve("tree/sub"));
      Files.writeString(tree.resolve("a.txt"), "alpha\n");
      Files.writeString(dir.resolve("tree/b.txt"), "beta ".repeat(10_000));
      Path archive = dir.resolve("RUN.tar.zst");
      Shell.bashOk(
          "cd " + Shell.quote(dir) + " && tar -cf - tree | zstd -q -3 -o " + Shell.quote(archive),
          60);
      Path cipher = dir.resolve("RUN.tar.zst.gpg");
      encryptFile(keys.rsa, archive, cipher);
      Path restore = Files.createDirectories(dir.resolve("restore"));
      Shell.bashOk(
          "cd "
              + Shell.quote(restore)
              + " && GNUPGHOME="
              + Shell.quote(keys.home)
              + " gpg --batch --decrypt "
              + Shell.quote(cipher)
              + " | zstd -dc | tar -x",
          60);
      assertThat(restore.resolve("tree/sub/a.txt")).hasContent("alpha");
      assertThat(Files.readString(restore.resolve("tree/b.txt"))).isEqualTo("beta ".repeat(10_000));
    }
  }

  @Nested
  @DisplayName("what gpg encrypts")
  class GpgToContinuo {
    @Test
    @DisplayName("decrypts, compressed or not, armored or binary, for cv25519 and RSA keys")
    void decrypts() throws Exception {
      Path plain = dir.resolve("plain");
      Files.write(plain, "gpg made this\n".repeat(50_000).getBytes(StandardCharsets.UTF_8));
      for (GpgKeys.Key k : new GpgKeys.Key[] {keys.cv25519, keys.rsa}) {
        for (String options : new String[] {"", "--armor", "-z 0"}) {
          Path cipher = dir.resolve("c.gpg");
          Files.deleteIfExists(cipher);
          keys.gpg(
              "--trust-model always "
                  + options
                  + " -r "
                  + k.email()
                  + " -o "
                  + Shell.quote(cipher)
                  + " --encrypt "
                  + Shell.quote(plain));
          DecryptionKey key = DecryptionKey.load(k.secretKey(), "");
          try (InputStream in = new OpenPgpDecryptor(key).decrypt(Files.newInputStream(cipher))) {
            assertThat(in.readAllBytes())
                .as("%s %s", k.email(), options)
                .isEqualTo(Files.readAllBytes(plain));
          }
        }
      }
    }

    @Test
    @DisplayName("a symmetrically encrypted message is refused with a clear message")
    void passphraseOnly() throws Exception {
      Path plain = dir.resolve("plain");
      Files.writeString(plain, "x");
      Path cipher = dir.resolve("s.gpg");
      keys.gpg(
          "--pinentry-mode loopback --passphrase pw -o "
              + Shell.quote(cipher)
              + " --symmetric "
              + Shell.quote(plain));
      DecryptionKey key = DecryptionKey.load(keys.cv25519.secretKey(), "");
      assertThatThrownBy(() -> new OpenPgpDecryptor(key).decrypt(Files.newInputStream(cipher)))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("encrypted to a passphrase, not a key");
    }
  }
}
