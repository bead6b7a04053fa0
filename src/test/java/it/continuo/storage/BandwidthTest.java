package it.continuo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.config.TargetOptions;
import it.continuo.storage.local.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A bandwidth limit")
class BandwidthTest {
  @TempDir Path dir;

  @Test
  @DisplayName("of 8 Mbit/s makes a 10 MB upload take 10 s, within 15%")
  void eightMegabits() throws Exception {
    byte[] content = new byte[10_000_000];
    new Random(1).nextBytes(content);
    TargetOptions options = new TargetOptions(null, 8_000_000, 0, Duration.ofSeconds(1));
    try (Target target = Targets.wrap(new LocalTarget("slow", dir), options)) {
      long start = System.nanoTime();
      try (Upload up = target.create("a/b/ten-megabytes")) {
        for (int off = 0; off < content.length; off += 65536) {
          up.write(content, off, Math.min(65536, content.length - off));
        }
        up.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(seconds).isBetween(8.5, 11.5);
    }
    assertThat(Files.size(dir.resolve("a/b/ten-megabytes"))).isEqualTo(content.length);
  }
}
