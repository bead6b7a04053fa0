package it.continuo.config;

import it.continuo.health.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts} section, read by {@link AlertsSection#read}.
 *
 * @param channels where alerts go, by name, in file order
 * @param smtp the SMTP server and sender of the {@code email} channels (its {@code to} is empty:
 *     each channel has its own); null when not given, for the caller to take {@code
 *     reports.email}'s
 * @param escalation the rules, in file order: each fires once per incident that has lasted its
 *     {@code after} and is neither resolved nor acknowledged
 * @param minSeverity the least severity that opens an incident: WARN (default) or CRITICAL
 */
public record AlertsConfig(
    Map<String, Channel> channels, EmailConfig smtp, List<Rule> escalation, Severity minSeverity) {

  /** No alerts at all. */
  public static final AlertsConfig NONE =
      new AlertsConfig(Map.of(), null, List.of(), Severity.WARN);

  /** One channel's settings. */
  public sealed interface Channel permits Email, Webhook, Command {}

  /**
   * {@code type: email}.
   *
   * @param to the recipients, at least one
   */
  public record Email(List<String> to) implements Channel {}

  /**
   * {@code type: webhook}: a JSON POST.
   *
   * @param url http or https
   * @param token sent as {@code Authorization: Bearer}, by reference; null for none
   * @param timeout how long connecting and the answer may take (default 10 s)
   */
  public record Webhook(URI url, Secret token, Duration timeout) implements Channel {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  }

  /**
   * {@code type: command}: a program run with the alert in its environment and as JSON on stdin.
   *
   * @param command the argv, no shell
   * @param timeout how long it may run before it is killed (default 30 s)
   */
  public record Command(List<String> command, Duration timeout) implements Channel {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  }

  /**
   * One escalation rule.
   *
   * @param after how long the incident must have lasted; zero for at once
   * @param to the channels, by name
   */
  public record Rule(Duration after, List<String> to) {}
}
