package it.continuo.health.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SMART health of the disks, from smartctl's JSON")
class DiskSmartCheckTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = DiskSmartCheckTest.class.getResourceAsStream("smartctl/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  final SmartCheck check = new SmartCheck(null, false);

  @Nested
  @DisplayName("the parser")
  class Parser {
    @Test
    @DisplayName("lists the devices of --scan with their types")
    void scan() throws Exception {
      assertThat(SmartctlJson.scan(fixture("scan.json")))
          .containsExactly(
              new SmartctlJson.Device("/dev/sda", "sat"),
              new SmartctlJson.Device("/dev/sdb", "sat"),
              new SmartctlJson.Device("/dev/nvme0", "nvme"));
    }

    @Test
    @DisplayName("reads a passed assessment, SCSI and NVMe")
    void passed() throws Exception {
      SmartctlJson.Health scsi = SmartctlJson.health(fixture("health-passed-scsi.json"));
      SmartctlJson.Health nvme = SmartctlJson.health(fixture("health-passed-nvme.json"));

      assertThat(scsi.device()).isEqualTo("/dev/sdb");
      assertThat(scsi.passed()).isTrue();
      assertThat(scsi.failing()).isFalse();
      assertThat(nvme.passed()).isTrue();
    }

    @Test
    @DisplayName("reads a failing disk: passed false, exit status bit 3")
    void failing() throws Exception {
      SmartctlJson.Health h = SmartctlJson.health(fixture("health-failing-sat.json"));

      assertThat(h.passed()).isFalse();
      assertThat(h.exitStatus() & SmartctlJson.DISK_FAILING).isNotZero();
      assertThat(h.failing()).isTrue();
    }

    @Test
    @DisplayName("reads a device it could not open: no assessment, smartctl's message")
    void openFailed() throws Exception {
      SmartctlJson.Health h = SmartctlJson.health(fixture("health-open-failed.json"));

      assertThat(h.passed()).isNull();
      assertThat(h.failing()).isFalse();
      assertThat(h.messages())
          .containsExactly("Smartctl open device: /dev/sda [SAT] failed: Permission denied");
    }

    @Test
    @DisplayName("rejects what is not smartctl's JSON")
    void notSmartctl() {
      assertThatThrownBy(() -> SmartctlJson.health("{\"hello\": 1}"))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> SmartctlJson.health("smartctl: command not found"))
          .isInstanceOf(IOException.class);
    }
  }

  @Nested
  @DisplayName("the runner, with a stand-in smartctl script (no disk here can fail)")
  class Runner {
    @TempDir Path dir;

    /**
     * An executable that prints a fixture for --scan and for -H, or does what {@code body} says.
     */
    Smartctl script(String body, Duration timeout) throws Exception {
      Path exe = dir.resolve("smartctl");
      Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
      exe.toFile().setExecutable(true);
      return new Smartctl(exe, timeout);
    }

    @Test
    @DisplayName("passes -d TYPE and the device, and reads the JSON of each disk")
    void realProcess() throws Exception {
      Files.writeString(dir.resolve("scan.json"), fixture("scan.json"));
      Files.writeString(dir.resolve("failing.json"), fixture("health-failing-sat.json"));
      Files.writeString(dir.resolve("passed.json"), fixture("health-passed-nvme.json"));
      Smartctl smartctl =
          script(
              "echo \"$@\" >> \"$(dirname \"$0\")/calls\"\n"
                  + "case \"$*\" in\n"
                  + "  '--scan -j') cat \"$(dirname \"$0\")/scan.json\" ;;\n"
                  + "  *sdb) cat \"$(dirname \"$0\")/failing.json\"; exit 8 ;;\n"
                  + "  *) cat \"$(dirname \"$0\")/passed.json\" ;;\n"
                  + "esac",
              Duration.ofSeconds(10));

      HealthCheck.Sample s = new SmartCheck(smartctl, true).sample();

      assertThat(s.findings())
          .extracting(Finding::subject, Finding::severity)
          .containsExactly(
              tuple("/dev/sda", Severity.OK),
              tuple("/dev/sdb", Severity.CRITICAL),
              tuple("/dev/nvme0", Severity.OK));
      assertThat(Files.readAllLines(dir.resolve("calls")))
          .containsExactly(
              "--scan -j",
              "-H -j -d sat /dev/sda",
              "-H -j -d sat /dev/sdb",
              "-H -j -d nvme /dev/nvme0");
    }

    @Test
    @DisplayName("gives up on a smartctl that hangs, after the timeout, as a WARN")
    void timeout() throws Exception {
      Smartctl smartctl = script("exec sleep 30", Duration.ofMillis(500));
      long start = System.nanoTime();

      HealthCheck.Sample s = new SmartCheck(smartctl, true).sample();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(s.findings())
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARN))
          .satisfies(f -> assertThat(f.message()).contains("did not answer in"));
    }
  }

  @Nested
  @DisplayName("the check")
  class Check {
    @Test
    @DisplayName("is CRITICAL for a failing disk")
    void failing() throws Exception {
      Finding f = check.judge("/dev/sdb", SmartctlJson.health(fixture("health-failing-sat.json")));

      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.key()).isEqualTo("smart:/dev/sdb");
      assertThat(f.message())
          .isEqualTo("/dev/sdb fails its SMART health self-assessment: replace it");
    }

    @Test
    @DisplayName("is OK for a passing disk")
    void passing() throws Exception {
      Finding f =
          check.judge("/dev/nvme0", SmartctlJson.health(fixture("health-passed-nvme.json")));

      assertThat(f.severity()).isEqualTo(Severity.OK);
    }

    @Test
    @DisplayName("is INFO for a disk it cannot read, with smartctl's reason")
    void unreadable() throws Exception {
      Finding f = check.judge("/dev/sda", SmartctlJson.health(fixture("health-open-failed.json")));

      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).endsWith("failed: Permission denied");
    }

    @Test
    @DisplayName("without smartctl says nothing with smart: auto")
    void missingAuto() {
      HealthCheck.Sample s = new SmartCheck(null, false).sample();

      assertThat(s.findings()).isEmpty();
    }

    @Test
    @DisplayName("without smartctl says so once, as INFO, with smart: true")
    void missingOn() {
      SmartCheck on = new SmartCheck(null, true);

      assertThat(on.sample().findings())
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
          .satisfies(f -> assertThat(f.message()).contains("smartctl").contains("not installed"));
      assertThat(on.sample().findings()).isEmpty();
    }
  }
}
