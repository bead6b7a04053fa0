package it.continuo.storage.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.crypto.DecryptionException;
import it.continuo.crypto.DecryptionKey;
import it.continuo.crypto.EncryptionKey;
import it.continuo.storage.KeyRequiredException;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.Upload;
import it.continuo.storage.local.LocalTarget;
import it.continuo.testing.GpgKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The encrypting target")
class EncryptingTargetTest {
  static EncryptionKey publicKey;
  static DecryptionKey privateKey;
  static DecryptionKey otherKey;

  @TempDir Path dir;
  LocalTarget local;
  Target target;

  @BeforeAll
  static void keys() throws Exception {
    GpgKeys keys = GpgKeys.get();
    publicKey = EncryptionKey.load(keys.cv25519.publicKey());
    privateKey = DecryptionKey.load(keys.cv25519.secretKey(), "");
    otherKey = DecryptionKey.load(keys.other.secretKey(), "");
  }

  @BeforeEach
  void target() throws Exception {
    local = new LocalTarget("offsite", dir);
    target = new EncryptingTarget(local, publicKey, privateKey);
  }

  void put(Target t, String key, String content) throws Exception {
    try (Upload up = t.create(key)) {
      up.write(content.getBytes(StandardCharsets.UTF_8));
      up.commit();
    }
  }

  String get(Target t, String key) throws Exception {
    try (InputStream in = t.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Nested
  @DisplayName("stores")
  class Stores {
    @Test
    @DisplayName("KEY as KEY.gpg, without the plaintext in it, and lists it as KEY")
    void encrypted() throws Exception {
      put(target, "agent/job/payroll-DISTINCTIVE.txt", "salary of DISTINCTIVE person".repeat(50));

      Path stored = dir.resolve("agent/job/payroll-DISTINCTIVE.txt.gpg");
      assertThat(stored).exists();
      assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1))
          .doesNotContain("DISTINCTIVE");
      assertThat(target.list("agent/").stream().map(ObjectInfo::key))
          .containsExactly("agent/job/payroll-DISTINCTIVE.txt");
      assertThat(target.stat("agent/job/payroll-DISTINCTIVE.txt").get().size())
          .as("the ciphertext size")
          .isEqualTo(Files.size(stored));
    }

    @Test
    @DisplayName("says in its location whom it encrypts to, and cannot resume an upload")
    void locationAndResume() throws Exception {
      assertThat(target.location())
          .startsWith(local.location())
          .contains("encrypted to " + publicKey.fingerprint());
      try (Upload up = target.create("agent/job/x")) {
        up.write(new byte[1000]);
        assertThat(up.durable()).isZero();
        assertThatThrownBy(() -> target.resume(up))
            .isInstanceOf(TargetException.class)
            .satisfies(
                e ->
                    assertThat(((TargetException) e).kind())
                        .isEqualTo(TargetException.Kind.PERMANENT));
      }
    }
  }

  @Nested
  @DisplayName("reads")
  class Reads {
    @Test
    @DisplayName("objects stored in the clear before encryption was turned on, as they are")
    void clearObjects() throws Exception {
      put(local, "agent/job/old", "from before");
      put(target, "agent/job/new", "from after");

      assertThat(get(target, "agent/job/old")).isEqualTo("from before");
      assertThat(target.list("agent/job/").stream().map(ObjectInfo::key))
          .containsExactly("agent/job/new", "agent/job/old");
    }

    @Test
    @DisplayName("without a private key: KeyRequiredException, permanent, saying how to give one")
    void withoutKey() throws Exception {
      put(target, "agent/job/a", "x");
      Target backupOnly = new EncryptingTarget(local, publicKey, null);

      assertThatThrownBy(() -> backupOnly.open("agent/job/a"))
          .isInstanceOf(KeyRequiredException.class)
          .hasMessageContaining("objects on target offsite are encrypted")
          .hasMessageContaining("--key")
          .satisfies(
              e ->
                  assertThat(((TargetException) e).kind())
                      .isEqualTo(TargetException.Kind.PERMANENT));
      assertThat(backupOnly.list("agent/").stream().map(ObjectInfo::key))
          .containsExactly("agent/job/a");
    }

    @Test
    @DisplayName("with another private key: says which key the object is encrypted to")
    void wrongKey() throws Exception {
      put(target, "agent/job/a", "x");
      Target wrong = new EncryptingTarget(local, publicKey, otherKey);

      assertThatThrownBy(() -> wrong.open("agent/job/a"))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("agent/job/a.gpg on target offsite")
          .hasMessageContaining("encrypted to key " + publicKey.keyId());
    }

    @Test
    @DisplayName("a tampered object throws when read, also by a range that reaches its end")
    void tampered() throws Exception {
      put(target, "agent/job/a", "0123456789".repeat(100_000));
      Path stored = dir.resolve("agent/job/a.gpg");
      byte[] bytes = Files.readAllBytes(stored);
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(stored, bytes);

      assertThatThrownBy(() -> get(target, "agent/job/a"))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("damaged or tampered with");
      assertThatThrownBy(
              () -> {
                try (InputStream in = target.openRange("agent/job/a", 999_990, 10)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(DecryptionException.class);
    }

    @Test
    @DisplayName("delete removes the encrypted and the clear copy")
    void deleteBoth() throws Exception {
      put(local, "agent/job/a", "clear");
      put(target, "agent/job/a", "encrypted");
      assertThat(get(target, "agent/job/a")).isEqualTo("encrypted");

      target.delete("agent/job/a");

      assertThat(local.list("agent/")).isEmpty();
    }
  }
}
