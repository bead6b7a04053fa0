package it.continuo.mail;

import it.continuo.config.EmailConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * The SMTP server of an {@link EmailConfig} (its {@code to} is not used here): the session to build
 * messages in, and the one way to send them.
 */
public final class SmtpServer {
  private final EmailConfig config;
  private final Duration timeout;

  /**
   * @param config the server, its security, the login and the sender
   * @param timeout how long connecting, and then each read or write, may take
   */
  public SmtpServer(EmailConfig config, Duration timeout) {
    this.config = config;
    this.timeout = timeout;
  }

  /** A new session for this server, to build a message in. */
  public Session session() {
    return Session.getInstance(properties());
  }

  /**
   * Sends {@code message} to its recipients.
   *
   * @param what what is being mailed, for the error, e.g. "the report of 2026-11-24"
   */
  public void send(MimeMessage message, String what) throws MailException {
    String server = hostPort();
    try (Transport transport = message.getSession().getTransport(protocol())) {
      transport.connect(
          config.host(),
          config.port(),
          config.user(),
          config.password() == null ? null : config.password().reveal());
      transport.sendMessage(message, message.getAllRecipients());
    } catch (AuthenticationFailedException e) {
      throw new MailException(
          "the SMTP server "
              + server
              + " refused the login of user "
              + config.user()
              + ": "
              + answer(e),
          e);
    } catch (MailConnectException e) {
      throw new MailException(
          "cannot connect to the SMTP server " + server + ": " + answer(rootCause(e)), e);
    } catch (SendFailedException e) {
      throw new MailException(
          "the SMTP server " + server + " did not accept " + what + ": " + answer(e), e);
    } catch (MessagingException e) {
      throw new MailException(
          "mailing "
              + what
              + " through the SMTP server "
              + server
              + " (security "
              + config.security()
              + ") failed: "
              + answer(rootCause(e)),
          e);
    }
  }

  /** The sender address. */
  public String from() {
    return config.from();
  }

  /** HOST:PORT, with brackets around an IPv6 address. */
  public String hostPort() {
    String host = config.host();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
  }

  private String protocol() {
    return config.security() == EmailConfig.Security.TLS ? "smtps" : "smtp";
  }

  private Properties properties() {
    String p = "mail." + protocol() + ".";
    String millis = Long.toString(timeout.toMillis());
    Properties props = new Properties();
    props.setProperty(p + "host", config.host());
    props.setProperty(p + "port", Integer.toString(config.port()));
    props.setProperty(p + "connectiontimeout", millis);
    props.setProperty(p + "timeout", millis);
    props.setProperty(p + "writetimeout", millis);
    props.setProperty(p + "auth", Boolean.toString(config.user() != null));
    switch (config.security()) {
      case STARTTLS -> {
        props.setProperty(p + "starttls.enable", "true");
        props.setProperty(p + "starttls.required", "true");
        props.setProperty(p + "ssl.checkserveridentity", "true");
      }
      case TLS -> props.setProperty(p + "ssl.checkserveridentity", "true");
      case NONE -> {}
    }
    return props;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The exception's message on one line: servers end their answers with a line break. */
  private static String answer(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
