package it.continuo.crypto;

import it.continuo.testing.GpgKeys;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Throughput of encryption and decryption, file to file; run with -Dcontinuo.bench=true. */
@EnabledIfSystemProperty(named = "continuo.bench", matches = "true")
@DisplayName("OpenPGP throughput (benchmark, not a test)")
class ThroughputBench {
  @Test
  void throughput(@TempDir Path dir) throws Exception {
    GpgKeys keys = GpgKeys.get();
    int mb = Integer.getInteger("continuo.bench.mb", 500);
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    Path cipher = dir.resolve("x.gpg");
    long t0 = System.nanoTime();
    try (OutputStream out = Files.newOutputStream(cipher);
        OutputStream enc =
            new OpenPgpEncryptor(EncryptionKey.load(keys.cv25519.publicKey())).encrypt(out)) {
      for (int i = 0; i < mb; i++) {
        enc.write(block);
      }
    }
    long t1 = System.nanoTime();
    long read = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in =
        new OpenPgpDecryptor(DecryptionKey.load(keys.cv25519.secretKey(), ""))
            .decrypt(Files.newInputStream(cipher))) {
      for (int n; (n = in.read(buf)) > 0; ) {
        read += n;
      }
    }
    long t2 = System.nanoTime();
    if (read != (long) mb << 20) {
      throw new AssertionError("read " + read);
    }
    System.out.printf(
        "BENCH %d MiB: encrypt %.0f MiB/s, decrypt %.0f MiB/s%n",
        mb, mb / ((t1 - t0) / 1e9), mb / ((t2 - t1) / 1e9));
    long t3 = System.nanoTime();
    keys.gpg("--decrypt " + cipher + " > /dev/null");
    System.out.printf("BENCH gpg --decrypt %.0f MiB/s%n", mb / ((System.nanoTime() - t3) / 1e9));
  }
}
