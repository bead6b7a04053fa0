package it.continuo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.health.Severity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts:}: channels, the SMTP server, escalation and the least severity. */
@DisplayName("The alerts section")
class AlertsSectionTest {
  @TempDir Path dir;
  final List<String> warnings = new ArrayList<>();

  AlertsConfig read(String yaml) throws ConfigException {
    return AlertsYaml.read(yaml, dir, Map.of("SMTP_PASSWORD", "pw-Segreto-4711"), warnings);
  }

  @Test
  @DisplayName("reads the three kinds of channel, the SMTP server and the plan of the seeds")
  void full() throws Exception {
    Files.writeString(dir.resolve("hook.token"), "tok-0123456789abcdef\n");
    AlertsConfig a =
        read(
            """
            alerts:
              channels:
                sysadmin: { type: email, to: [it@studio.example] }
                rco: { type: webhook, url: "https://chat.example/hooks/abc", token: "${file:hook.token}" }
                comitato-crisi: { type: command, command: [/usr/local/bin/sms, "+39 333"], timeout: 20s }
              smtp:
                host: mail.studio.example
                security: tls
                user: continuo
                password: "${env:SMTP_PASSWORD}"
                from: continuo@studio.example
              escalation:
                - { after: 0m, to: [sysadmin] }
                - { after: 3h, to: [rco] }
                - { after: 4h, to: [comitato-crisi, sysadmin] }
              minSeverity: CRITICAL
            """);

    assertThat(a.channels().keySet()).containsExactly("sysadmin", "rco", "comitato-crisi");
    assertThat(a.channels().get("sysadmin"))
        .isEqualTo(new AlertsConfig.Email(List.of("it@studio.example")));
    AlertsConfig.Webhook hook = (AlertsConfig.Webhook) a.channels().get("rco");
    assertThat(hook.url()).isEqualTo(URI.create("https://chat.example/hooks/abc"));
    assertThat(hook.token().reveal()).isEqualTo("tok-0123456789abcdef");
    assertThat(hook.token().toString()).isEqualTo("${file:hook.token}");
    assertThat(hook.timeout()).isEqualTo(AlertsConfig.Webhook.DEFAULT_TIMEOUT);
    assertThat(a.channels().get("comitato-crisi"))
        .isEqualTo(
            new AlertsConfig.Command(
                List.of("/usr/local/bin/sms", "+39 333"), Duration.ofSeconds(20)));
    assertThat(a.smtp().host()).isEqualTo("mail.studio.example");
    assertThat(a.smtp().port()).isEqualTo(465);
    assertThat(a.smtp().security()).isEqualTo(EmailConfig.Security.TLS);
    assertThat(a.smtp().password().reveal()).isEqualTo("pw-Segreto-4711");
    assertThat(a.smtp().from()).isEqualTo("continuo@studio.example");
    assertThat(a.escalation())
        .containsExactly(
            new AlertsConfig.Rule(Duration.ZERO, List.of("sysadmin")),
            new AlertsConfig.Rule(Duration.ofHours(3), List.of("rco")),
            new AlertsConfig.Rule(Duration.ofHours(4), List.of("comitato-crisi", "sysadmin")));
    assertThat(a.minSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(warnings).isEmpty();
  }

  @Test
  @DisplayName("defaults: no smtp (the report's server is used), WARN, the command's 30 s")
  void defaults() throws Exception {
    AlertsConfig a =
        read(
            """
            alerts:
              channels:
                pager: { type: command, command: /usr/local/bin/page }
              escalation: [ { to: pager } ]
            """);
    assertThat(a.smtp()).isNull();
    assertThat(a.minSeverity()).isEqualTo(Severity.WARN);
    assertThat(a.escalation())
        .containsExactly(new AlertsConfig.Rule(Duration.ZERO, List.of("pager")));
    assertThat(((AlertsConfig.Command) a.channels().get("pager")).timeout())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("an escalation naming an undefined channel is an error with its path and line")
  void undefinedChannel() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    alerts:
                      channels:
                        sysadmin: { type: email, to: it@studio.example }
                      escalation:
                        - { after: 0m, to: [sysadmin] }
                        - { after: 3h, to: [rco] }
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "alerts.escalation[1].to[0]: no channel rco in alerts.channels; defined: sysadmin"
                + " (line 6)");
  }

  @Test
  @DisplayName("rejects an unknown type, a bad URL, a token written in the file, a bad severity")
  void mistakes() {
    assertThatThrownBy(() -> read("alerts: { channels: { x: { type: sms } } }"))
        .hasMessageContaining("alerts.channels.x.type: type must be email, webhook or command");
    assertThatThrownBy(() -> read("alerts: { channels: { x: { type: webhook, url: ftp://h/x } } }"))
        .hasMessageContaining("alerts.channels.x.url: the url must be http:// or https://");
    assertThatThrownBy(
            () ->
                read(
                    "alerts: { channels: { x: { type: webhook, url: \"https://h/x\", token: abc } } }"))
        .hasMessageContaining("alerts.channels.x.token: secrets must not be written in the file");
    assertThatThrownBy(() -> read("alerts: { minSeverity: INFO }"))
        .hasMessageContaining("alerts.minSeverity: minSeverity must be WARN or CRITICAL");
    assertThatThrownBy(() -> read("alerts: { channels: { x: { type: email, to: [nobody] } } }"))
        .hasMessageContaining("\"nobody\" is not a mail address");
    assertThatThrownBy(() -> read("alerts: { channels: { x: { type: command, command: [] } } }"))
        .hasMessageContaining("alerts.channels.x.command: command must be a program");
    assertThatThrownBy(() -> read("alerts: { escalate: [] }"))
        .hasMessageContaining("alerts.escalate: unknown key");
  }

  @Test
  @DisplayName("warns of channels no rule names, and of a token sent over plain http")
  void warnings() throws Exception {
    Files.writeString(dir.resolve("t"), "tok-0123456789abcdef");
    read(
        """
        alerts:
          channels:
            chat: { type: webhook, url: "http://chat.example/hook", token: "${file:t}" }
        """);
    assertThat(warnings)
        .anyMatch(w -> w.contains("sent without encryption"))
        .anyMatch(w -> w.contains("no alert is sent"));
  }
}
