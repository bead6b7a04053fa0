package it.continuo.failover.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TsigKey.read")
class TsigKeyTest {
  private static final String SECRET = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdHMtMTIzNDU2Nzg5MA==";

  @TempDir Path dir;

  private Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("ddns.key"), text, StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("reads")
  class Reads {
    @Test
    @DisplayName("a key file as tsig-keygen writes it")
    void tsigKeygen() throws Exception {
      TsigKey key =
          TsigKey.read(
              file(
                  "key \"lab-key\" {\n\talgorithm hmac-sha256;\n\tsecret \""
                      + SECRET
                      + "\";\n};\n"));

      assertThat(key.name()).isEqualTo("lab-key");
      assertThat(key.algorithm()).isEqualTo("hmac-sha256");
      assertThat(key.secret()).isEqualTo(Base64.getDecoder().decode(SECRET));
    }

    @Test
    @DisplayName("a key on one line, with comments, an unquoted name and upper-case algorithm")
    void oneLineWithComments() throws Exception {
      TsigKey key =
          TsigKey.read(
              file(
                  "# the DDNS key\n// written by hand\n/* key \"other\" { } */\n"
                      + "key ddns.example. { algorithm HMAC-SHA512; secret \""
                      + SECRET
                      + "\"; };"));

      assertThat(key.name()).isEqualTo("ddns.example.");
      assertThat(key.algorithm()).isEqualTo("hmac-sha512");
    }

    @Test
    @DisplayName("the first key when the file holds several")
    void firstOfSeveral() throws Exception {
      TsigKey key =
          TsigKey.read(
              file(
                  "key \"one\" { algorithm hmac-sha1; secret \""
                      + SECRET
                      + "\"; };\nkey \"two\" { algorithm hmac-sha256; secret \""
                      + SECRET
                      + "\"; };\n"));

      assertThat(key.name()).isEqualTo("one");
      assertThat(key.algorithm()).isEqualTo("hmac-sha1");
    }

    @Test
    @DisplayName("never shows the secret in toString, and hands out copies of it")
    void secretHidden() throws Exception {
      TsigKey key =
          TsigKey.read(file("key \"k\" { algorithm hmac-sha256; secret \"" + SECRET + "\"; };"));

      assertThat(key.toString()).isEqualTo("TsigKey[k, hmac-sha256]").doesNotContain(SECRET);
      key.secret()[0] = 0;
      assertThat(key.secret()).isEqualTo(Base64.getDecoder().decode(SECRET));
      assertThat(key)
          .isEqualTo(new TsigKey("k", "hmac-sha256", Base64.getDecoder().decode(SECRET)));
    }
  }

  @Nested
  @DisplayName("refuses, naming the file,")
  class Refuses {
    @Test
    @DisplayName("a missing file")
    void missing() {
      Path missing = dir.resolve("absent.key");
      assertThatThrownBy(() -> TsigKey.read(missing))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + missing + " does not exist");
    }

    @Test
    @DisplayName("a directory, which cannot be read as a key file")
    void directory() {
      assertThatThrownBy(() -> TsigKey.read(dir))
          .isInstanceOf(DnsException.class)
          .hasMessageStartingWith("cannot read TSIG key file " + dir);
    }

    @Test
    @DisplayName("an unreadable file (skipped as root, who reads anything)")
    void unreadable() throws Exception {
      Path key = file("key \"k\" { algorithm hmac-sha256; secret \"" + SECRET + "\"; };");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(key), "running as root");
      assertThatThrownBy(() -> TsigKey.read(key))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + key + " is not readable (permission denied)");
    }

    @Test
    @DisplayName("a file with no key clause")
    void noKeyClause() throws Exception {
      Path key = file("options { directory \"/var/cache/bind\"; };\n");
      assertThatThrownBy(() -> TsigKey.read(key))
          .isInstanceOf(DnsException.class)
          .hasMessageStartingWith("TSIG key file " + key + " holds no key clause");
    }

    @Test
    @DisplayName("an unknown algorithm")
    void unknownAlgorithm() throws Exception {
      Path key = file("key \"k\" { algorithm hmac-sha3; secret \"" + SECRET + "\"; };");
      assertThatThrownBy(() -> TsigKey.read(key))
          .isInstanceOf(DnsException.class)
          .hasMessage(
              "TSIG key file "
                  + key
                  + ": key k uses the unknown algorithm hmac-sha3 (known: hmac-md5, hmac-sha1,"
                  + " hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512)");
    }

    @Test
    @DisplayName("a secret that is not base64, without quoting it")
    void badBase64() throws Exception {
      Path key = file("key \"k\" { algorithm hmac-sha256; secret \"not*base64!\"; };");
      assertThatThrownBy(() -> TsigKey.read(key))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + key + ": the secret of key k is not valid base64")
          .message()
          .doesNotContain("not*base64!");
    }

    @Test
    @DisplayName("a key without algorithm, or without secret")
    void incomplete() throws Exception {
      Path noAlgorithm = file("key \"k\" { secret \"" + SECRET + "\"; };");
      assertThatThrownBy(() -> TsigKey.read(noAlgorithm))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + noAlgorithm + ": key k names no algorithm");
      Path noSecret = file("key \"k\" { algorithm hmac-sha256; };");
      assertThatThrownBy(() -> TsigKey.read(noSecret))
          .isInstanceOf(DnsException.class)
          .hasMessage("TSIG key file " + noSecret + ": key k has no secret");
    }
  }
}
