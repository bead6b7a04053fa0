package it.continuo.alert.channel;

import it.continuo.alert.Channel;
import it.continuo.config.AlertsConfig;
import it.continuo.config.ConfigException;
import it.continuo.config.EmailConfig;
import it.continuo.mail.SmtpServer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the channels of {@code alerts.channels}. */
public final class Channels {
  /** How long connecting to the SMTP server, and then each read or write, may take. */
  public static final Duration SMTP_TIMEOUT = Duration.ofSeconds(30);

  private Channels() {}

  /**
   * The channels by name, in the configuration's order.
   *
   * @param reportServer {@code reports.email}, whose server the email channels use when {@code
   *     alerts.smtp} is not given; null when there is none
   * @throws ConfigException when an email channel has no SMTP server to use
   */
  public static Map<String, Channel> create(AlertsConfig config, EmailConfig reportServer)
      throws ConfigException {
    EmailConfig smtp = config.smtp() != null ? config.smtp() : reportServer;
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (Map.Entry<String, AlertsConfig.Channel> e : config.channels().entrySet()) {
      String name = e.getKey();
      channels.put(name, channel(name, e.getValue(), smtp));
    }
    return Collections.unmodifiableMap(channels);
  }

  private static Channel channel(String name, AlertsConfig.Channel config, EmailConfig smtp)
      throws ConfigException {
    if (config instanceof AlertsConfig.Webhook w) {
      return new WebhookChannel(name, w.url(), w.token(), w.timeout());
    }
    if (config instanceof AlertsConfig.Command c) {
      return new CommandChannel(name, c.command(), c.timeout());
    }
    AlertsConfig.Email m = (AlertsConfig.Email) config;
    if (smtp == null) {
      throw new ConfigException(
          "alerts.channels."
              + name
              + ": an email channel needs alerts.smtp or reports.email for its server");
    }
    return new EmailChannel(name, new SmtpServer(smtp, SMTP_TIMEOUT), m.to());
  }
}
