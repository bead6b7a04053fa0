package it.continuo.config;

import java.util.List;

/**
 * {@code reports.email}: the SMTP server and the recipients of the report.
 *
 * @param host the SMTP server
 * @param port its port (25, 587 or 465 by default, after {@code security})
 * @param security how the connection is protected
 * @param user the login, or null for none
 * @param password the login's password, by reference; null when there is no login
 * @param from the sender address
 * @param to the recipients, at least one
 */
public record EmailConfig(
    String host,
    int port,
    Security security,
    String user,
    Secret password,
    String from,
    List<String> to) {

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain SMTP; only for a relay on the same machine or network. */
    NONE,
    /** STARTTLS, required: the mail is not sent if the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS). */
    TLS;

    public int defaultPort() {
      return switch (this) {
        case NONE -> 25;
        case STARTTLS -> 587;
        case TLS -> 465;
      };
    }
  }

  /** The same server with these recipients. */
  public EmailConfig withTo(List<String> recipients) {
    return new EmailConfig(host, port, security, user, password, from, List.copyOf(recipients));
  }
}
