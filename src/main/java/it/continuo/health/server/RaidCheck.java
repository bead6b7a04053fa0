package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linux software RAID from {@code /proc/mdstat}, one finding per array:
 *
 * <ul>
 *   <li>complete, or being scrubbed ({@code check}, {@code repair}): OK;
 *   <li>being rebuilt ({@code recovery}), resynchronised or reshaped: INFO with the progress and
 *       the kernel's estimate of the time left; the disk was replaced and the kernel is doing what
 *       it should (see {@link Severity#INFO}), and a failure during the rebuild shows as a missing
 *       disk without progress;
 *   <li>missing disks with redundancy left (a RAID 6 without one disk, a three-way mirror without
 *       one): WARN; without redundancy left (a RAID 1 on one disk, a RAID 5 without one): CRITICAL,
 *       naming the failed (F) members;
 *   <li>failed (F) members of an otherwise complete array (a spare took over): WARN;
 *   <li>an inactive array: CRITICAL, its data cannot be read.
 * </ul>
 *
 * No {@code /proc/mdstat} (no md driver loaded) is no finding.
 */
final class RaidCheck implements HealthCheck {
  private static final String[] WORDS = {
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
  };

  private final Path mdstat;

  RaidCheck(Path mdstat) {
    this.mdstat = mdstat;
  }

  @Override
  public String name() {
    return "raid";
  }

  @Override
  public Sample sample() {
    String text;
    try {
      text = Files.readString(mdstat, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Sample(List.of(), List.of());
    } catch (IOException e) {
      return new Sample(
          List.of(
              new Finding(
                  name(), "", Severity.WARN, "cannot read " + mdstat + ": " + e.getMessage())),
          List.of());
    }
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (Mdstat.Array a : Mdstat.parse(text)) {
      findings.add(judge(a));
      Map<String, String> labels = Map.of("array", a.name());
      if (a.wanted() > 0) {
        readings.add(new Reading("raid_disks_wanted", labels, a.wanted(), ""));
        readings.add(new Reading("raid_disks_working", labels, a.workingDisks(), ""));
      }
      if (a.progress() != null && a.progress().percent() >= 0) {
        readings.add(
            new Reading(
                "raid_" + a.progress().action() + "_percent",
                labels,
                a.progress().percent(),
                "percent"));
      }
    }
    return new Sample(findings, readings);
  }

  Finding judge(Mdstat.Array a) {
    String what = a.name() + (a.level().isEmpty() ? "" : " (" + a.level() + ")");
    if (!a.active()) {
      return finding(a, Severity.CRITICAL, what + " is inactive: its data cannot be read");
    }
    int working = a.workingDisks();
    int missing = a.wanted() - working;
    Mdstat.Progress p = a.progress();
    boolean scrub = p != null && (p.action().equals("check") || p.action().equals("repair"));
    if (p != null && !scrub) {
      String verb = p.action().equals("recovery") ? "rebuilding" : p.action() + "ing";
      String message = what + " is " + verb + ": " + progress(p);
      if (missing > 0) {
        message += "; until then it runs on " + disks(working, a.wanted());
      }
      return finding(a, Severity.INFO, message);
    }
    List<String> failed = a.failed();
    if (missing > 0) {
      int redundancyLeft = redundancy(a) - missing;
      String why =
          failed.isEmpty()
              ? count(missing) + (missing == 1 ? " disk" : " disks") + " missing"
              : String.join(", ", failed) + " failed";
      return finding(
          a,
          redundancyLeft <= 0 ? Severity.CRITICAL : Severity.WARN,
          what + " runs on " + disks(working, a.wanted()) + ": " + why);
    }
    if (!failed.isEmpty()) {
      return finding(
          a,
          Severity.WARN,
          what + " is complete, but " + String.join(", ", failed) + " failed: replace it");
    }
    String message =
        a.wanted() > 0
            ? what + " is clean: " + count(working) + " of " + count(a.wanted()) + " disks"
            : what + " is active";
    if (scrub) {
      message += "; " + p.action() + " " + progress(p);
    }
    return finding(a, Severity.OK, message);
  }

  private Finding finding(Mdstat.Array a, Severity severity, String message) {
    return new Finding(name(), a.name(), severity, message);
  }

  /** How many disks the array can lose and still serve its data. */
  private static int redundancy(Mdstat.Array a) {
    return switch (a.level()) {
      case "raid1" -> a.wanted() - 1;
      case "raid4", "raid5", "raid10" -> 1;
      case "raid6" -> 2;
      default -> 0;
    };
  }

  private static String progress(Mdstat.Progress p) {
    if (p.percent() < 0) {
      return "waiting to start";
    }
    String done = String.format(Locale.ROOT, "%.1f%% done", p.percent());
    if (p.finishMinutes() < 0) {
      return done;
    }
    return done
        + ", about "
        + Figures.span(Duration.ofSeconds(Math.round(p.finishMinutes() * 60)))
        + " left";
  }

  /** "one disk of two", "four disks of six". */
  private static String disks(int working, int wanted) {
    return count(working) + (working == 1 ? " disk" : " disks") + " of " + count(wanted);
  }

  private static String count(int n) {
    return n >= 0 && n < WORDS.length ? WORDS[n] : Integer.toString(n);
  }
}
