package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.HealthConfig;
import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.HealthReport;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import it.continuo.health.server.ServerHealth;
import it.continuo.health.ups.UpsProbe;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code continuo health}: samples every health check once and prints readings and findings. Exit 0
 * when nothing is WARN or worse, 1 otherwise; with {@code --format nagios}, the Nagios plugin
 * convention instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the checks could not run).
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Check the server's health once and print readings and findings.",
    footer = {
      "",
      "Exit codes: 0 nothing WARN or worse, 1 something is; 2 usage or configuration error.",
      "With --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."
    })
final class HealthCommand implements Callable<Integer> {
  @ParentCommand ContinuoCommand root;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or nagios: one status line with performance data.")
  OutputFormat format = OutputFormat.text;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  enum OutputFormat {
    text,
    nagios
  }

  /** The report as {@code --json} prints it. */
  record View(Severity status, List<Finding> findings, List<Reading> readings) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config config;
    try {
      config = root.loadConfig();
    } catch (ConfigException e) {
      if (format == OutputFormat.nagios) {
        out.println("CONTINUO UNKNOWN - " + e.getMessage());
        return Nagios.UNKNOWN;
      }
      throw e;
    }
    HealthReport report = HealthReport.sample(checks(config));
    if (format == OutputFormat.nagios) {
      out.println(Nagios.statusLine(report, config.health()));
      return Nagios.exitCode(report.worst());
    }
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.sort(Comparator.comparing(Finding::severity).reversed());
    if (json) {
      Json.print(out, new View(report.worst(), findings, report.readings()));
    } else {
      print(out, report.worst(), findings, report.readings());
    }
    return report.worst().atLeast(Severity.WARN) ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Every check {@code continuo health} samples; more (the UPSes') are added here. */
  static List<HealthCheck> checks(Config config) {
    List<HealthCheck> checks =
        new ArrayList<>(ServerHealth.checks(config.health(), Clock.systemUTC()));
    config.health().ups().values().forEach(u -> checks.add(new UpsProbe(u)));
    return checks;
  }

  private static void print(
      PrintWriter out, Severity worst, List<Finding> findings, List<Reading> readings) {
    out.println("health: " + worst);
    for (Finding f : findings) {
      out.println(
          String.format(Locale.ROOT, "  %-8s %-22s %s", f.severity(), f.key(), f.message()));
    }
    out.println();
    out.println("readings:");
    for (Reading r : readings) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-40s %s%s",
              Nagios.label(r),
              number(r.value()),
              r.unit().isEmpty() ? "" : " " + r.unit()));
    }
  }

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    return java.math.BigDecimal.valueOf(v)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The Nagios plugin output: one status line, performance data after a {@code |}. */
  static final class Nagios {
    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;

    private Nagios() {}

    static int exitCode(Severity worst) {
      return switch (worst) {
        case OK, INFO -> OK;
        case WARN -> WARNING;
        case CRITICAL -> CRITICAL;
      };
    }

    /**
     * {@code CONTINUO CRITICAL - md0 (raid1) runs on one disk of two: sdb1 failed |
     * 'disk_used_ratio /'=44%;85;95;0;100 …}: the findings at the worst level, or how many checks
     * were fine.
     */
    static String statusLine(HealthReport report, HealthConfig thresholds) {
      Severity worst = report.worst();
      String status =
          switch (exitCode(worst)) {
            case OK -> "OK";
            case WARNING -> "WARNING";
            default -> "CRITICAL";
          };
      String text;
      if (worst.atLeast(Severity.WARN)) {
        text =
            String.join(
                "; ",
                report.findings().stream()
                    .filter(f -> f.severity() == worst)
                    .map(Finding::message)
                    .toList());
      } else {
        text = report.findings().size() + " findings, none WARN or worse";
      }
      StringBuilder line = new StringBuilder("CONTINUO " + status + " - " + text.replace('|', '/'));
      if (!report.readings().isEmpty()) {
        line.append(" |");
        for (Reading r : report.readings()) {
          line.append(' ').append(perfData(r, thresholds));
        }
      }
      return line.toString();
    }

    /** {@code 'label'=value[UOM];[warn];[crit];[min];[max]}; ratios as percentages. */
    static String perfData(Reading r, HealthConfig thresholds) {
      it.continuo.health.Threshold t =
          switch (r.name()) {
            case "disk_used_ratio" -> thresholds.disk();
            case "memory_used_ratio" -> thresholds.memory();
            case "swap_used_ratio" -> thresholds.swap();
            case "load_per_core" -> thresholds.load();
            case "temperature_celsius" -> thresholds.temperature();
            default -> null;
          };
      boolean ratio = r.unit().equals("ratio");
      double scale = ratio ? 100 : 1;
      String uom =
          switch (r.unit()) {
            case "ratio", "percent" -> "%";
            case "bytes" -> "B";
            case "seconds" -> "s";
            default -> "";
          };
      String warn = t == null ? "" : number(t.warn() * scale);
      String crit = t == null ? "" : number(t.critical() * scale);
      String min = ratio || uom.equals("%") || uom.equals("B") ? "0" : "";
      String max = uom.equals("%") ? "100" : "";
      return "'"
          + label(r).replace("'", "")
          + "'="
          + number(r.value() * scale)
          + uom
          + ";"
          + warn
          + ";"
          + crit
          + ";"
          + min
          + ";"
          + max;
    }

    static String label(Reading r) {
      return r.labels().isEmpty()
          ? r.name()
          : r.name() + " " + String.join(",", sortedValues(r.labels()));
    }

    private static List<String> sortedValues(Map<String, String> labels) {
      return labels.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(Map.Entry::getValue)
          .toList();
    }
  }
}
