package it.continuo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.testing.GpgKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OpenPGP encryption and decryption")
class OpenPgpTest {
  static GpgKeys keys;
  static EncryptionKey cvPublic;
  static DecryptionKey cvPrivate;
  static EncryptionKey rsaPublic;
  static DecryptionKey rsaPrivate;

  @BeforeAll
  static void keys() throws Exception {
    keys = GpgKeys.get();
    cvPublic = EncryptionKey.load(keys.cv25519.publicKey());
    cvPrivate = DecryptionKey.load(keys.cv25519.secretKey(), "");
    rsaPublic = EncryptionKey.load(keys.rsa.publicKey());
    rsaPrivate = DecryptionKey.load(keys.rsa.secretKey(), "");
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] encrypt(EncryptionKey to, byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = new OpenPgpEncryptor(to).encrypt(out)) {
      enc.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] decrypt(DecryptionKey with, byte[] cipher) throws IOException {
    try (InputStream in =
        new OpenPgpDecryptor(with).decrypt(new ByteArrayInputStream(cipher), "test.gpg")) {
      return in.readAllBytes();
    }
  }

  @Nested
  @DisplayName("round trip")
  class RoundTrip {
    @Test
    @DisplayName("empty, small and multi-chunk data decrypt to the same bytes, for both key kinds")
    void sizes() throws Exception {
      for (int size : new int[] {0, 1, 100_000, 3 * OpenPgpEncryptor.CHUNK + 5}) {
        byte[] plain = bytes(size, size);
        assertThat(decrypt(cvPrivate, encrypt(cvPublic, plain)))
            .as("cv25519 %d", size)
            .isEqualTo(plain);
        assertThat(decrypt(rsaPrivate, encrypt(rsaPublic, plain)))
            .as("rsa %d", size)
            .isEqualTo(plain);
      }
    }

    @Test
    @DisplayName("closing the encrypting stream finishes the message but leaves the target open")
    void keepsTargetOpen() throws Exception {
      boolean[] closed = {false};
      ByteArrayOutputStream out =
          new ByteArrayOutputStream() {
            @Override
            public void close() {
              closed[0] = true;
            }
          };
      try (OutputStream enc = new OpenPgpEncryptor(cvPublic).encrypt(out)) {
        enc.write("abc".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(closed[0]).isFalse();
      assertThat(decrypt(cvPrivate, out.toByteArray())).asString().isEqualTo("abc");
    }

    @Test
    @DisplayName("the ciphertext contains neither the plaintext nor any name")
    void noPlaintext() throws Exception {
      byte[] plain =
          "DISTINCTIVE-secret-payroll-2026.xlsx: salaries of everyone"
              .repeat(100)
              .getBytes(StandardCharsets.UTF_8);
      String cipher = new String(encrypt(cvPublic, plain), StandardCharsets.ISO_8859_1);
      assertThat(cipher).doesNotContain("DISTINCTIVE").doesNotContain("payroll");
    }
  }

  @Nested
  @DisplayName("damaged data")
  class Damaged {
    byte[] plain = bytes(2_500_000, 42);
    byte[] cipher;

    @org.junit.jupiter.api.BeforeEach
    void encryptIt() throws Exception {
      cipher = encrypt(cvPublic, plain);
    }

    @Test
    @DisplayName("a byte flipped in the middle makes reading throw, naming the object")
    void flipped() {
      for (int at : new int[] {cipher.length / 2, cipher.length - 5, 200}) {
        byte[] bad = cipher.clone();
        bad[at] ^= 0x01;
        assertThatThrownBy(() -> decrypt(cvPrivate, bad))
            .as("flipped at %d", at)
            .isInstanceOf(DecryptionException.class)
            .hasMessageContaining("test.gpg")
            .hasMessageContaining("damaged or tampered with");
      }
    }

    @Test
    @DisplayName("a message cut short anywhere makes reading throw instead of ending early")
    void truncated() {
      for (int keep : new int[] {cipher.length - 1, cipher.length - 22, cipher.length / 2, 300}) {
        byte[] bad = Arrays.copyOf(cipher, keep);
        assertThatThrownBy(() -> decrypt(cvPrivate, bad))
            .as("kept %d bytes", keep)
            .isInstanceOf(DecryptionException.class)
            .hasMessageContaining("test.gpg");
      }
    }

    @Test
    @DisplayName("data that is not OpenPGP is refused")
    void notOpenPgp() {
      assertThatThrownBy(() -> decrypt(cvPrivate, "hello world".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("test.gpg is not OpenPGP encrypted data");
    }

    @Test
    @DisplayName("data encrypted to another key names the key it is for")
    void wrongKey() throws Exception {
      DecryptionKey other = DecryptionKey.load(keys.other.secretKey(), "");
      assertThatThrownBy(() -> decrypt(other, cipher))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("test.gpg is encrypted to key " + cvPublic.keyId())
          .hasMessageContaining("not to the private key in " + keys.other.secretKey());
    }
  }
}
