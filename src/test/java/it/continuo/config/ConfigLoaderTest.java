package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The configuration loader")
class ConfigLoaderTest {
  @TempDir Path dir;

  static final String VALID =
      """
      agent:
        name: srv-primario
        dataDir: data
        timezone: Europe/Rome
      sources:
        uno:
          paths: [/srv/uno, /srv/due]
          exclude: ["*.tmp"]
      targets:
        nas: { type: local, path: /mnt/nas }
      jobs:
        uno-nas:
          source: uno
          target: nas
          full: "0 0 22 ? * SUN"
          incremental: "0 0 22 ? * MON-SAT"
          hooks: { pre: ["echo pre"], post: "echo post", timeout: 90s }
      """;

  Config load(String yaml) throws Exception {
    return load(yaml, Map.of());
  }

  Config load(String yaml, Map<String, String> env) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(env).load(file);
  }

  String error(String yaml) {
    Path file = dir.resolve("continuo.yaml");
    try {
      Files.writeString(file, yaml);
      new ConfigLoader(Map.of()).load(file);
    } catch (ConfigException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a configuration error");
  }

  @Nested
  @DisplayName("reads a valid file")
  class Valid {
    @Test
    @DisplayName("with every section, relative paths resolved against the file")
    void everything() throws Exception {
      Config c = load(VALID);
      assertThat(c.agent().name()).isEqualTo("srv-primario");
      assertThat(c.agent().dataDir()).isEqualTo(dir.resolve("data"));
      assertThat(c.agent().timezone()).isEqualTo(ZoneId.of("Europe/Rome"));
      assertThat(c.agent().compressionLevel()).isEqualTo(3);
      assertThat(c.sources().get("uno").paths())
          .containsExactly(Path.of("/srv/uno"), Path.of("/srv/due"));
      assertThat(c.sources().get("uno").exclude()).containsExactly("*.tmp");
      assertThat(c.targets().get("nas"))
          .isEqualTo(new LocalTargetConfig("nas", Path.of("/mnt/nas"), TargetOptions.DEFAULT));
      JobConfig job = c.job("uno-nas");
      assertThat(job.full()).isEqualTo("0 0 22 ? * SUN");
      assertThat(job.hooks().pre()).containsExactly("echo pre");
      assertThat(job.hooks().post()).containsExactly("echo post");
      assertThat(job.hooks().timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    @DisplayName("resolves ${env:…} and ${file:…} references")
    void references() throws Exception {
      Files.writeString(dir.resolve("nas-path"), "/mnt/from-file\n");
      Config c =
          load(
              VALID
                  .replace("/mnt/nas", "\"${file:nas-path}\"")
                  .replace("srv-primario", "${env:AGENT_NAME}"),
              Map.of("AGENT_NAME", "from-env"));
      assertThat(c.agent().name()).isEqualTo("from-env");
      assertThat(((LocalTargetConfig) c.targets().get("nas")).path())
          .isEqualTo(Path.of("/mnt/from-file"));
    }

    @Test
    @DisplayName("warns about source paths that do not exist")
    void warnsMissingPaths() throws Exception {
      assertThat(load(VALID).warnings())
          .anyMatch(w -> w.contains("/srv/uno does not exist") && w.contains("line 7"));
    }
  }

  @Nested
  @DisplayName("rejects with the YAML path and line")
  class Errors {
    @Test
    void malformedYaml() {
      assertThat(error("agent:\n  name: x\n    bad: indentation\n"))
          .contains("line 3")
          .contains("malformed YAML");
    }

    @Test
    void unknownKey() {
      assertThat(error(VALID.replace("    target: nas", "    tagret: nas")))
          .startsWith("jobs.uno-nas.tagret: unknown key")
          .contains("(line 14)");
    }

    @Test
    void unknownTarget() {
      assertThat(error(VALID.replace("    target: nas", "    target: nsa")))
          .isEqualTo("jobs.uno-nas.target: unknown target \"nsa\"; defined: nas (line 14)");
    }

    @Test
    void unknownSource() {
      assertThat(error(VALID.replace("    source: uno", "    source: due")))
          .isEqualTo("jobs.uno-nas.source: unknown source \"due\"; defined: uno (line 13)");
    }

    @Test
    void missingRequiredKey() {
      assertThat(error(VALID.replace("    full: \"0 0 22 ? * SUN\"\n", "")))
          .isEqualTo("jobs.uno-nas.full: required (line 13)");
    }

    @Test
    void badCron() {
      assertThat(error(VALID.replace("0 0 22 ? * SUN", "0 0 25 ? * SUN")))
          .startsWith("jobs.uno-nas.full: invalid cron expression \"0 0 25 ? * SUN\"")
          .contains("(line 15)");
    }

    @Test
    void duplicateKey() {
      assertThat(
              error(
                  VALID.replace(
                      "  nas: { type: local, path: /mnt/nas }",
                      "  nas: { type: local, path: /a }\n  nas: { type: local, path: /b }")))
          .contains("duplicate")
          .contains("line 11");
    }

    @Test
    void unknownTargetType() {
      assertThat(error(VALID.replace("type: local", "type: floppy")))
          .isEqualTo(
              "targets.nas.type: unknown target type \"floppy\"; known: local, sftp, s3 (line 10)");
    }

    @Test
    @DisplayName("encryptTo that is not an OpenPGP public key, and a bandwidth without unit")
    void badTargetOptions() throws Exception {
      Files.writeString(dir.resolve("not-a-key.asc"), "hello\n");
      assertThat(error(VALID.replace("/mnt/nas", "/mnt/nas, encryptTo: not-a-key.asc")))
          .startsWith("targets.nas.encryptTo: key file")
          .contains("not-a-key.asc")
          .contains("line ");
      assertThat(error(VALID.replace("/mnt/nas", "/mnt/nas, bandwidth: 2")))
          .startsWith("targets.nas.bandwidth: expected a bandwidth such as 2Mbit");
    }

    @Test
    void missingEnvironmentVariable() {
      assertThat(error(VALID.replace("srv-primario", "${env:NOPE}")))
          .isEqualTo("agent.name: environment variable NOPE is not set (line 2)");
    }

    @Test
    void unreadableReferencedFile() {
      assertThat(error(VALID.replace("/mnt/nas", "\"${file:/nonexistent/secret}\"")))
          .contains(
              "targets.nas.path: cannot read referenced file /nonexistent/secret: no such file");
    }

    @Test
    void overlappingPaths() {
      assertThat(error(VALID.replace("[/srv/uno, /srv/due]", "[/srv, /srv/due]")))
          .contains("sources.uno.paths[1]: /srv/due overlaps /srv");
    }

    @Test
    void wholeRoot() {
      assertThat(error(VALID.replace("[/srv/uno, /srv/due]", "[/]")))
          .contains("sources.uno.paths[0]: backing up \"/\" as a whole is not supported");
    }

    @Test
    void badName() {
      assertThat(error(VALID.replace("  uno-nas:", "  uno/nas:")))
          .contains("jobs.uno/nas: name must be");
    }

    @Test
    void badTimeZone() {
      assertThat(error(VALID.replace("Europe/Rome", "Europe/Roma")))
          .isEqualTo("agent.timezone: unknown time zone \"Europe/Roma\" (line 4)");
    }

    @Test
    void missingFile() {
      assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void emptyFile() {
      assertThat(error("")).contains("the file is empty");
    }
  }

  @Nested
  @DisplayName("the service catalogue")
  class Services {
    static final String CATALOGUE =
        """
        services:
          - name: Gestionale Uno
            description: recupero crediti
            criticality: alta
            tier: 4
            rpo: 24h
            rto: 1h
            jobs: [uno-nas]
          - { name: Posta, rpo: 4h, rto: 1d, jobs: uno-nas }
        """;

    @Test
    void readsEachServiceWithItsPromisesAndJobs() throws Exception {
      Config c = load(VALID + CATALOGUE);

      assertThat(c.services()).hasSize(2);
      ServiceConfig uno = c.services().get(0);
      assertThat(uno.name()).isEqualTo("Gestionale Uno");
      assertThat(uno.criticality()).as("Italian classes are understood").isEqualTo("high");
      assertThat(uno.tier()).isEqualTo(4);
      assertThat(uno.rpo()).isEqualTo(Duration.ofHours(24));
      assertThat(uno.rto()).isEqualTo(Duration.ofHours(1));
      assertThat(uno.jobs()).containsExactly("uno-nas");
      assertThat(c.services().get(1).tier()).as("not stated").isZero();
    }

    @Test
    void aJobThatDoesNotExistIsNamedWithItsLine() {
      assertThat(error(VALID + CATALOGUE.replace("jobs: [uno-nas]", "jobs: [uno-nsa]")))
          .contains("unknown job \"uno-nsa\"; defined: uno-nas")
          .contains("(line 25)");
    }

    @Test
    void theRpoIsRequiredAndLongerThanZero() {
      assertThat(error(VALID + CATALOGUE.replace("    rpo: 24h\n", "")))
          .contains("rpo")
          .contains("required");
      assertThat(error(VALID + CATALOGUE.replace("rpo: 24h", "rpo: 0s")))
          .contains("must be longer than zero");
    }

    @Test
    void aTierIsOneToFourAndAClassIsOneOfTheFour() {
      assertThat(error(VALID + CATALOGUE.replace("tier: 4", "tier: 5"))).contains("tier");
      assertThat(error(VALID + CATALOGUE.replace("criticality: alta", "criticality: urgente")))
          .contains("criticality must be low, medium, high or critical");
    }

    @Test
    void aServiceIsListedOnce() {
      assertThat(error(VALID + CATALOGUE.replace("name: Posta", "name: Gestionale Uno")))
          .contains("service \"Gestionale Uno\" is listed twice");
    }
  }

  @Nested
  @DisplayName("the nightly verification and the report")
  class VerificationAndReports {
    static final String SECTIONS =
        """
        verification:
          schedule: "0 0 3 * * ?"
          fullCoverageDays: 10
          sampleFiles: 4
          sampleBytes: 1MiB
        reports:
          schedule: "0 30 7 ? * *"
          keepDays: 90
          email:
            host: 127.0.0.1
            port: 2525
            security: none
            user: continuo
            password: "${env:SMTP_PASSWORD}"
            from: continuo@ufficio.example
            to: [rco@ufficio.example, sistemi@ufficio.example]
        """;

    @Test
    void readsBothSectionsAndTheVerificationScheduleBecomesEachJobsVerify() throws Exception {
      Config c = load(VALID + SECTIONS, Map.of("SMTP_PASSWORD", "segreta"));

      assertThat(c.verification().fullCoverageDays()).isEqualTo(10);
      assertThat(c.verification().sampleFiles()).isEqualTo(4);
      assertThat(c.verification().sampleBytes()).isEqualTo(1L << 20);
      assertThat(c.verification().scratch()).isEqualTo(c.agent().dataDir().resolve("scratch"));
      assertThat(c.job("uno-nas").verify()).isEqualTo("0 0 3 * * ?");
      assertThat(c.reports().schedule()).isEqualTo("0 30 7 ? * *");
      assertThat(c.reports().keepDays()).isEqualTo(90);
      EmailConfig mail = c.reports().email();
      assertThat(mail.security()).isEqualTo(EmailConfig.Security.NONE);
      assertThat(mail.port()).isEqualTo(2525);
      assertThat(mail.password().reveal()).isEqualTo("segreta");
      assertThat(mail.to()).containsExactly("rco@ufficio.example", "sistemi@ufficio.example");
      assertThat(c.warnings()).anyMatch(w -> w.contains("without encryption"));
    }

    @Test
    void withoutTheSectionsTheDefaultsHold() throws Exception {
      Config c = load(VALID);

      assertThat(c.verification().fullCoverageDays()).isEqualTo(7);
      assertThat(c.verification().schedule()).isNull();
      assertThat(c.job("uno-nas").verify()).isNull();
      assertThat(c.reports().schedule()).isNull();
      assertThat(c.reports().email()).isNull();
    }

    @Test
    void aJobsOwnVerifyWins() throws Exception {
      String yaml = VALID.replace("hooks:", "verify: \"0 0 6 ? * *\"\n    hooks:") + SECTIONS;

      assertThat(load(yaml, Map.of("SMTP_PASSWORD", "x")).job("uno-nas").verify())
          .isEqualTo("0 0 6 ? * *");
    }

    @Test
    void aBadAddressOrSecurityIsNamedWithItsLine() {
      String noLogin =
          SECTIONS
              .replace("    user: continuo\n", "")
              .replace("    password: \"${env:SMTP_PASSWORD}\"\n", "");
      assertThat(error(VALID + noLogin.replace("rco@ufficio.example", "rco")))
          .contains("\"rco\" is not a mail address")
          .contains("reports.email.to");
      assertThat(error(VALID + noLogin.replace("security: none", "security: ssl")))
          .contains("security must be none, starttls or tls");
      assertThat(error(VALID + noLogin.replace("fullCoverageDays: 10", "fullCoverageDays: 0")))
          .contains("fullCoverageDays");
    }

    @Test
    void thePasswordIsOnlyTakenByReferenceAndTheDefaultPortFollowsSecurity() throws Exception {
      String starttls =
          SECTIONS.replace("    security: none\n", "").replace("    port: 2525\n", "");
      Config c = load(VALID + starttls, Map.of("SMTP_PASSWORD", "x"));
      assertThat(c.reports().email().security()).isEqualTo(EmailConfig.Security.STARTTLS);
      assertThat(c.reports().email().port()).isEqualTo(587);
      assertThat(error(VALID + SECTIONS.replace("\"${env:SMTP_PASSWORD}\"", "segreta")))
          .contains("password");
    }
  }
}
