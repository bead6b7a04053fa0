package it.continuo.health.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The {@code smartctl} program of smartmontools, run with a timeout. */
final class Smartctl {
  private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

  private final Path executable;
  private final Duration timeout;

  Smartctl(Path executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /** smartctl on the PATH or in the sbin directories, where it usually is. */
  static Optional<Path> find() {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    dirs.addAll(SBIN);
    for (String dir : dirs) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "smartctl");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** {@code smartctl --scan -j}. */
  List<SmartctlJson.Device> scan() throws IOException {
    return SmartctlJson.scan(run("--scan", "-j"));
  }

  /** {@code smartctl -H -j -d TYPE DEVICE}. */
  SmartctlJson.Health health(SmartctlJson.Device device) throws IOException {
    List<String> args = new ArrayList<>(List.of("-H", "-j"));
    if (!device.type().isEmpty()) {
      args.addAll(List.of("-d", device.type()));
    }
    args.add(device.name());
    return SmartctlJson.health(run(args.toArray(String[]::new)));
  }

  /** Its standard output; its exit status is a bit mask the JSON repeats, so it is not an error. */
  private String run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("continuo-smartctl", ".json");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            String.join(" ", command)
                + " did not answer in "
                + (timeout.toMillis() % 1000 == 0
                    ? timeout.toSeconds() + " s"
                    : timeout.toMillis() + " ms"));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
