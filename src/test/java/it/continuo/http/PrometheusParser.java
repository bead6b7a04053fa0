package it.continuo.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference parser of the Prometheus text format, the Python client's {@code
 * text_string_to_metric_families} (Debian's {@code python3-prometheus-client}, which {@code
 * scripts/test} installs), run on an exposition. Debian's own interpreter is used, not whatever
 * {@code python3} comes first on the PATH. A missing parser fails the test: it never skips.
 */
public final class PrometheusParser {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String SCRIPT =
      """
      import json, sys
      from prometheus_client.parser import text_string_to_metric_families
      families = []
      for f in text_string_to_metric_families(sys.stdin.read()):
          families.append({"name": f.name, "type": f.type, "help": f.documentation,
                           "samples": [{"name": s.name, "labels": s.labels, "value": s.value}
                                       for s in f.samples]})
      json.dump(families, sys.stdout)
      """;

  /** One metric family as parsed. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  /** One sample as parsed. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusParser() {}

  /** Parses an exposition; throws when the parser cannot be run or rejects the text. */
  public static List<Family> parse(String exposition) throws IOException, InterruptedException {
    Process python = new ProcessBuilder(PYTHON, "-c", SCRIPT).start();
    try (OutputStream in = python.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = python.getInputStream().readAllBytes();
    String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!python.waitFor(30, TimeUnit.SECONDS)) {
      python.destroyForcibly();
      throw new IOException("the Prometheus parser did not finish within 30 s");
    }
    if (python.exitValue() != 0) {
      throw new IOException(
          "the Prometheus parser (" + PYTHON + ", python3-prometheus-client) failed:\n" + err);
    }
    return new ObjectMapper().readValue(out, new TypeReference<List<Family>>() {});
  }

  /** The samples of a family, by name; empty when there is none. */
  public static List<Sample> samples(List<Family> families, String name) {
    return families.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .map(Family::samples)
        .orElse(List.of());
  }

  /** The value of the one sample of a family with these labels. */
  public static Optional<Double> value(
      List<Family> families, String name, Map<String, String> labels) {
    return samples(families, name).stream()
        .filter(s -> s.labels().equals(labels))
        .map(Sample::value)
        .findFirst();
  }
}
