package it.continuo.backup;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.testing.CliResult;
import it.continuo.testing.GpgKeys;
import it.continuo.testing.Shell;
import it.continuo.testing.TreeSnapshot;
import it.continuo.testing.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A target with encryptTo")
class EncryptedBackupTest {
  static final String SECRET_NAME = "dichiarazione-dei-redditi-rossi-mario.txt";
  static final String SECRET_TEXT = "IBAN IT60X0542811101000000123456 of Mario Rossi";

  static GpgKeys keys;

  @TempDir Path tmp;
  Workspace ws;

  @BeforeAll
  static void keys() throws Exception {
    keys = GpgKeys.get();
  }

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(tmp);
    Files.writeString(ws.source.resolve(SECRET_NAME), SECRET_TEXT.repeat(100));
    Files.createDirectories(ws.source.resolve("pratiche/2026"));
    for (int i = 0; i < 50; i++) {
      Files.writeString(ws.source.resolve("pratiche/2026/pratica-" + i + ".txt"), "pratica " + i);
    }
    ws.useTargets(
        "vault: { type: local, path: \""
            + tmp.resolve("vault")
            + "\", encryptTo: \""
            + keys.cv25519.publicKey()
            + "\" }",
        "vault");
    Files.createDirectories(tmp.resolve("vault"));
  }

  Path restored(Path to) {
    return to.resolve(ws.source.toString().substring(1));
  }

  List<Path> stored() throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("vault"))) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  @DisplayName("backs up full and incremental without the private key; restores only with it")
  void backupWithoutKeyRestoreWithKey() throws Exception {
    CliResult full = ws.cli("backup", Workspace.JOB);
    assertThat(full.exitCode()).as(full.toString()).isZero();
    Files.writeString(ws.source.resolve("pratiche/2026/pratica-50.txt"), "a new case");
    TreeSnapshot before = TreeSnapshot.of(ws.source, true);
    CliResult incremental = ws.cli("backup", Workspace.JOB);
    assertThat(incremental.exitCode()).as(incremental.toString()).isZero();
    assertThat(incremental.out()).contains(" incremental ");

    assertThat(stored()).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).endsWith(".gpg"));

    CliResult list = ws.cli("list", Workspace.JOB);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("encrypted (--key FILE");

    Path noKey = tmp.resolve("no-key");
    CliResult refused = ws.cli("restore", Workspace.JOB, "--to", noKey.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("encrypted").contains("--key");

    Path to = tmp.resolve("restore");
    CliResult restore =
        ws.cli(
            "restore",
            Workspace.JOB,
            "--to",
            to.toString(),
            "--key",
            keys.cv25519.secretKey().toString());
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(TreeSnapshot.of(restored(to), true)).isEqualTo(before);

    CliResult verify =
        ws.cli("verify", Workspace.JOB, "--all", "--key", keys.cv25519.secretKey().toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  @Test
  @DisplayName("stores no file name and no content in the clear")
  void noPlaintext() throws Exception {
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();
    for (Path p : stored()) {
      String bytes = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      assertThat(bytes)
          .doesNotContain("dichiarazione")
          .doesNotContain("IBAN")
          .doesNotContain("pratica");
    }
  }

  @Test
  @DisplayName("restores by hand with gpg --decrypt | zstd -dc | tar -x and the private key only")
  void restoreByHand() throws Exception {
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();
    Path archive =
        stored().stream().filter(p -> p.toString().endsWith(".tar.zst.gpg")).findFirst().get();
    Path to = Files.createDirectories(tmp.resolve("by-hand"));
    CliResult r =
        keys.gpg(
            "--decrypt " + Shell.quote(archive) + " | zstd -dc | tar -x -C " + Shell.quote(to));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readString(restored(to).resolve(SECRET_NAME)))
        .isEqualTo(SECRET_TEXT.repeat(100));
    assertThat(TreeSnapshot.of(restored(to), false)).isEqualTo(TreeSnapshot.of(ws.source, false));
  }

  @Test
  @DisplayName("without the agent's manifest copy, the next backup is a full, said so")
  void lostCache() throws Exception {
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();
    FileUtils.deleteDirectory(ws.data.resolve("manifests").toFile());
    CliResult next = ws.cli("backup", Workspace.JOB);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).contains(" full ");
    assertThat(next.err()).contains("taking a full backup");
  }

  @Test
  @DisplayName(
      "the nightly check reads an encrypted target back with the private key, and without it"
          + " records that it needs one")
  void nightlyCheck() throws Exception {
    assertThat(ws.cli("backup", Workspace.JOB).exitCode()).isZero();

    CliResult withKey =
        ws.cli(
            "verify",
            Workspace.JOB,
            "--nightly",
            "--json",
            "--key",
            keys.cv25519.secretKey().toString());
    assertThat(withKey.exitCode()).as(withKey.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode check =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(withKey.out()).get(0);
    assertThat(check.get("runsChecked").asInt()).isEqualTo(1);
    assertThat(check.get("coveredBytes").asLong())
        .isEqualTo(check.get("storedBytes").asLong())
        .isEqualTo(storedRunBytes());
    assertThat(check.get("verifiedPointBytes").asLong()).isPositive();
    assertThat(check.get("testRestore").get("ok").asBoolean()).isTrue();
    assertThat(check.get("testRestore").get("archiveBytesRead").asLong()).isPositive();

    CliResult withoutKey = ws.cli("verify", Workspace.JOB, "--nightly");
    assertThat(withoutKey.exitCode()).isEqualTo(1);
    assertThat(withoutKey.out())
        .contains("vault NOT OK: encrypted: needs decryptKey to be read back");
  }

  /** The bytes the target holds for the job's archives and manifests, as stored (encrypted). */
  long storedRunBytes() throws Exception {
    long bytes = 0;
    for (Path p : stored()) {
      String name = p.getFileName().toString();
      if (name.contains(".tar.zst") || name.contains(".manifest.jsonl.zst")) {
        bytes += Files.size(p);
      }
    }
    return bytes;
  }
}
