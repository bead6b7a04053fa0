package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@DisplayName("The health.ups section")
class UpsSectionTest {
  final List<String> warnings = new ArrayList<>();

  /** Reads {@code yaml} as the value of health.ups, with NUT_PW=s3cret in the environment. */
  Map<String, UpsConfig> read(String yaml) throws ConfigException {
    var node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    YamlNode.Environment env =
        new YamlNode.Environment() {
          @Override
          public String variable(String name) {
            return Map.of("NUT_PW", "s3cret").get(name);
          }

          @Override
          public Path baseDir() {
            return Path.of("/etc/continuo");
          }
        };
    return UpsSection.read(new YamlNode(node, "health.ups", env), warnings);
  }

  @Test
  @DisplayName("reads every key, the password by reference")
  void full() throws Exception {
    UpsConfig c =
        read("""
                sala-server:
                  host: 127.0.0.1
                  port: 13493
                  ups: eaton
                  user: continuo
                  password: ${env:NUT_PW}
                  pollInterval: 2s
                  deadTime: 10s
                """)
            .get("sala-server");
    assertThat(c.name()).isEqualTo("sala-server");
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(13493);
    assertThat(c.ups()).isEqualTo("eaton");
    assertThat(c.user()).isEqualTo("continuo");
    assertThat(c.password().reveal()).isEqualTo("s3cret");
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.deadTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThat(warnings).isEmpty();
  }

  @Test
  @DisplayName("defaults: port 3493, the UPS named as the entry, upsmon's 5s and 15s, no login")
  void defaults() throws Exception {
    Map<String, UpsConfig> all = read("a: { host: nas.lan }\nb: { host: 10.0.0.9 }\n");
    assertThat(all).containsOnlyKeys("a", "b");
    UpsConfig a = all.get("a");
    assertThat(a.port()).isEqualTo(3493);
    assertThat(a.ups()).isEqualTo("a");
    assertThat(a.user()).isNull();
    assertThat(a.password()).isNull();
    assertThat(a.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.deadTime()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  @DisplayName("an empty section is no UPS")
  void empty() throws Exception {
    assertThat(read("~")).isEmpty();
  }

  @Test
  @DisplayName("errors name the YAML path and line")
  void errors() {
    assertThatThrownBy(() -> read("sala:\n  port: 3493\n"))
        .hasMessage("health.ups.sala.host: required (line 2)");
    assertThatThrownBy(() -> read("sala:\n  host: h\n  passwd: x\n"))
        .hasMessageStartingWith("health.ups.sala.passwd: unknown key; expected one of: host,")
        .hasMessageEndingWith("(line 3)");
    assertThatThrownBy(() -> read("sala:\n  host: h\n  user: u\n  password: plain\n"))
        .hasMessageContaining("health.ups.sala.password: secrets must not be written in the file")
        .hasMessageEndingWith("(line 4)");
    assertThatThrownBy(() -> read("sala:\n  host: h\n  user: u\n"))
        .hasMessage("health.ups.sala.password: required with user (line 2)");
    assertThatThrownBy(() -> read("sala:\n  host: h\n  port: 70000\n"))
        .hasMessage("health.ups.sala.port: must be between 1 and 65535 (line 3)");
    assertThatThrownBy(() -> read("sala:\n  host: h\n  pollInterval: 5s\n  deadTime: 5s\n"))
        .hasMessage(
            "health.ups.sala.deadTime: deadTime (5s) must be longer than pollInterval (5s) (line 4)");
    assertThatThrownBy(() -> read("-bad: { host: h }\n"))
        .hasMessageStartingWith("health.ups.-bad: name must be");
  }

  @Test
  @DisplayName("warns when the dead time is shorter than three polls")
  void shortDeadTime() throws Exception {
    read("sala: { host: h, pollInterval: 5s, deadTime: 10s }\n");
    assertThat(warnings)
        .containsExactly(
            "health.ups.sala: deadTime is shorter than three polls; one lost poll may declare the"
                + " UPS unreachable (upsmon advises at least three)");
  }
}
