package it.continuo.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The daemon's latest round of health checks, as it keeps it in {@code dataDir/health.json} so that
 * {@code continuo status} and {@code continuo report} show the daemon's view (a disk forecast needs
 * days of samples, a link going down two samples), not a single fresh sample.
 *
 * @param at when the round was taken
 * @param report what it found and measured
 */
public record HealthSnapshot(Instant at, HealthReport report) {

  /** The snapshot's file under the data directory. */
  public static Path file(Path dataDir) {
    return dataDir.resolve("health.json");
  }

  /** Writes the snapshot, replacing the previous one atomically. */
  public void write(Path dataDir, ObjectMapper json) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(".health.json.tmp");
    json.writeValue(tmp.toFile(), this);
    Files.move(
        tmp, file(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The last snapshot the daemon wrote, if any and if it can be read. */
  public static Optional<HealthSnapshot> read(Path dataDir, ObjectMapper json) {
    Path file = file(dataDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), HealthSnapshot.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
