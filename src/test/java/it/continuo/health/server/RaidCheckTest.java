package it.continuo.health.server;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Software RAID from /proc/mdstat")
class RaidCheckTest {
  static Path fixture(String name) {
    try {
      return Path.of(RaidCheckTest.class.getResource("mdstat/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static List<Mdstat.Array> parse(String name) throws Exception {
    return Mdstat.parse(Files.readString(fixture(name), StandardCharsets.UTF_8));
  }

  static HealthCheck.Sample sample(String name) {
    return new RaidCheck(fixture(name)).sample();
  }

  static Finding finding(HealthCheck.Sample s, String array) {
    return s.findings().stream().filter(f -> f.subject().equals(array)).findFirst().orElseThrow();
  }

  @Nested
  @DisplayName("the parser")
  class Parser {
    @Test
    @DisplayName("reads arrays, levels, members, disk counts and role maps")
    void clean() throws Exception {
      List<Mdstat.Array> arrays = parse("clean.txt");

      assertThat(arrays).extracting(Mdstat.Array::name).containsExactly("md1", "md2");
      Mdstat.Array md2 = arrays.get(1);
      assertThat(md2.active()).isTrue();
      assertThat(md2.level()).as("(auto-read-only) is not the level").isEqualTo("raid1");
      assertThat(md2.members())
          .containsExactly(
              new Mdstat.Member("sda6", 0, false, false),
              new Mdstat.Member("sdb6", 1, false, false));
      assertThat(md2.wanted()).isEqualTo(2);
      assertThat(md2.working()).isEqualTo(2);
      assertThat(md2.roles()).isEqualTo("UU");
      assertThat(md2.progress()).isNull();
    }

    @Test
    @DisplayName("marks (F) members faulty")
    void faulty() throws Exception {
      Mdstat.Array md0 = parse("degraded-raid1.txt").get(0);

      assertThat(md0.failed()).containsExactly("sdb1");
      assertThat(md0.roles()).isEqualTo("U_");
    }

    @Test
    @DisplayName("trusts the role map over counts that lag right after a failure")
    void countsLag() throws Exception {
      Mdstat.Array md3 = parse("failed-raid1.txt").get(0);

      assertThat(md3.working()).isEqualTo(2);
      assertThat(md3.workingDisks()).isEqualTo(1);
    }

    @Test
    @DisplayName("reads the progress and the time left of a recovery")
    void recovery() throws Exception {
      Mdstat.Array md1 = parse("rebuilding-raid1.txt").get(0);

      assertThat(md1.progress()).isEqualTo(new Mdstat.Progress("recovery", 12.6, 4386.2));
    }

    @Test
    @DisplayName("reads the progress of a resync, and a level line with chunk and algorithm")
    void resyncAndRaid5() throws Exception {
      assertThat(parse("resync-raid1.txt").get(0).progress())
          .isEqualTo(new Mdstat.Progress("resync", 12.5, 149.0));
      Mdstat.Array md0 = parse("rebuilding-raid5.txt").get(0);
      assertThat(md0.level()).isEqualTo("raid5");
      assertThat(md0.wanted()).isEqualTo(6);
      assertThat(md0.roles()).isEqualTo("UUUUU_");
    }

    @Test
    @DisplayName("reads an inactive array, which has no level, and DELAYED progress")
    void inactiveAndDelayed() {
      List<Mdstat.Array> arrays =
          Mdstat.parse(
              "Personalities : [raid1]\n"
                  + "md127 : inactive sdb1[1](S)\n"
                  + "      976630488 blocks super 1.2\n"
                  + "\n"
                  + "md0 : active raid1 sdc1[2] sda1[0]\n"
                  + "      976630464 blocks super 1.2 [2/1] [U_]\n"
                  + "        resync=DELAYED\n"
                  + "\n"
                  + "unused devices: <none>\n");

      assertThat(arrays.get(0).active()).isFalse();
      assertThat(arrays.get(0).level()).isEmpty();
      assertThat(arrays.get(0).members())
          .containsExactly(new Mdstat.Member("sdb1", 1, false, true));
      assertThat(arrays.get(1).progress()).isEqualTo(new Mdstat.Progress("resync", -1, -1));
    }

    @Test
    @DisplayName("finds no array in an mdstat without any")
    void none() {
      assertThat(Mdstat.parse("Personalities : \nunused devices: <none>\n")).isEmpty();
    }
  }

  @Nested
  @DisplayName("the check")
  class Check {
    @Test
    @DisplayName("is OK for clean arrays and reports their disks")
    void clean() {
      HealthCheck.Sample s = sample("clean.txt");

      assertThat(s.findings()).extracting(Finding::severity).containsOnly(Severity.OK);
      assertThat(finding(s, "md1").message()).isEqualTo("md1 (raid1) is clean: two of two disks");
      assertThat(s.readings())
          .contains(new Reading("raid_disks_working", java.util.Map.of("array", "md2"), 2, ""));
    }

    @Test
    @DisplayName("is CRITICAL for a RAID 1 left with one disk, naming the failed one")
    void degradedMirror() {
      Finding md0 = finding(sample("degraded-raid1.txt"), "md0");

      assertThat(md0.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(md0.message()).isEqualTo("md0 (raid1) runs on one disk of two: sdb1 failed");
    }

    @Test
    @DisplayName("is CRITICAL right after the failure, while the counts still say two of two")
    void rightAfterTheFailure() {
      HealthCheck.Sample s = sample("failed-raid1.txt");

      assertThat(s.findings())
          .hasSize(4)
          .extracting(Finding::severity)
          .containsOnly(Severity.CRITICAL);
      assertThat(finding(s, "md3").message())
          .isEqualTo("md3 (raid1) runs on one disk of two: sdb1 failed");
    }

    @Test
    @DisplayName("is CRITICAL for a RAID 5 without one member, saying it is missing")
    void degradedRaid5() {
      HealthCheck.Sample s = sample("degraded-raid5.txt");

      assertThat(finding(s, "md2").severity()).isEqualTo(Severity.CRITICAL);
      assertThat(finding(s, "md2").message())
          .isEqualTo("md2 (raid5) runs on three disks of four: one disk missing");
      assertThat(finding(s, "md1").severity()).isEqualTo(Severity.OK);
    }

    @Test
    @DisplayName("is WARN for a mirror that lost one disk of six but keeps redundancy")
    void redundancyLeft() {
      Finding md1 = finding(sample("six-way-mirror-one-failed.txt"), "md1");

      assertThat(md1.severity()).isEqualTo(Severity.WARN);
      assertThat(md1.message()).isEqualTo("md1 (raid1) runs on four disks of six: sde1 failed");
    }

    @Test
    @DisplayName("is INFO while rebuilding, with the progress and the time left")
    void rebuilding() {
      HealthCheck.Sample s = sample("rebuilding-raid1.txt");

      Finding md1 = finding(s, "md1");
      assertThat(md1.severity()).isEqualTo(Severity.INFO);
      assertThat(md1.message())
          .isEqualTo(
              "md1 (raid1) is rebuilding: 12.6% done, about 3 days left;"
                  + " until then it runs on one disk of two");
      assertThat(s.readings())
          .contains(
              new Reading(
                  "raid_recovery_percent", java.util.Map.of("array", "md1"), 12.6, "percent"));
    }

    @Test
    @DisplayName("tells a rebuilding array from its failed neighbours")
    void rebuildingAmongFailed() {
      HealthCheck.Sample s = sample("rebuilding-with-failed.txt");

      assertThat(finding(s, "md1").severity()).isEqualTo(Severity.INFO);
      assertThat(finding(s, "md1").message()).contains("8.1% done, about 7 minutes left");
      assertThat(finding(s, "md4").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    @DisplayName("is INFO while resynchronising a complete mirror")
    void resync() {
      Finding md127 = finding(sample("resync-raid1.txt"), "md127");

      assertThat(md127.severity()).isEqualTo(Severity.INFO);
      assertThat(md127.message())
          .isEqualTo("md127 (raid1) is resyncing: 12.5% done, about 2 hours left");
    }

    @Test
    @DisplayName("is CRITICAL for an inactive array")
    void inactive(@TempDir Path dir) throws Exception {
      Path mdstat = dir.resolve("mdstat");
      Files.writeString(
          mdstat,
          "Personalities : [raid1]\nmd127 : inactive sdb1[1](S)\n      976630488 blocks super 1.2\n\n"
              + "unused devices: <none>\n");

      Finding f = new RaidCheck(mdstat).sample().findings().get(0);

      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.message()).isEqualTo("md127 is inactive: its data cannot be read");
    }

    @Test
    @DisplayName("says nothing where there is no /proc/mdstat")
    void noMdstat(@TempDir Path dir) {
      HealthCheck.Sample s = new RaidCheck(dir.resolve("mdstat")).sample();

      assertThat(s.findings()).isEmpty();
      assertThat(s.readings()).isEmpty();
    }
  }
}
