package it.continuo.report.deliver;

import it.continuo.config.EmailConfig;
import it.continuo.report.RenderedReport;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Mails a report through the SMTP server of {@code reports.email}, as one message: {@code
 * multipart/mixed} of a {@code multipart/related} (the HTML body and its charts, inline by
 * Content-ID) and the PDF, attached as {@code continuo-report-YYYY-MM-DD.pdf}.
 */
public final class ReportMailer implements ReportSender {
  /** How long connecting, and then each read or write, may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final EmailConfig config;
  private final Duration timeout;
  private final Clock clock;

  public ReportMailer(EmailConfig config) {
    this(config, TIMEOUT, Clock.systemUTC());
  }

  /**
   * @param config the server, login and addresses
   * @param timeout how long connecting, and then each read or write, may take
   * @param clock the message's {@code Date}
   */
  public ReportMailer(EmailConfig config, Duration timeout, Clock clock) {
    this.config = config;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public void send(RenderedReport report) throws ReportMailException {
    Session session = Session.getInstance(properties());
    String server = hostPort();
    try {
      MimeMessage message = message(session, report);
      try (Transport transport = session.getTransport(protocol())) {
        transport.connect(
            config.host(),
            config.port(),
            config.user(),
            config.password() == null ? null : config.password().reveal());
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (AuthenticationFailedException e) {
      throw new ReportMailException(
          "the SMTP server "
              + server
              + " refused the login of user "
              + config.user()
              + ": "
              + answer(e),
          e);
    } catch (MailConnectException e) {
      throw new ReportMailException(
          "cannot connect to the SMTP server " + server + ": " + answer(rootCause(e)), e);
    } catch (SendFailedException e) {
      throw new ReportMailException(
          "the SMTP server "
              + server
              + " did not accept the report of "
              + report.date()
              + ": "
              + answer(e),
          e);
    } catch (MessagingException e) {
      throw new ReportMailException(
          "mailing the report of "
              + report.date()
              + " through the SMTP server "
              + server
              + " (security "
              + config.security()
              + ") failed: "
              + answer(rootCause(e)),
          e);
    }
  }

  private MimeMessage message(Session session, RenderedReport report) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(config.from(), true));
    for (String to : config.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(report.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));

    MimeMultipart related = new MimeMultipart("related");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(report.mailHtml(), StandardCharsets.UTF_8.name(), "html");
    related.addBodyPart(body);
    for (Map.Entry<String, byte[]> image : report.images().entrySet()) {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.getValue(), "image/png")));
      part.setContentID("<" + image.getKey() + ">");
      part.setDisposition(Part.INLINE);
      part.setFileName(image.getKey() + ".png");
      related.addBodyPart(part);
    }
    MimeBodyPart page = new MimeBodyPart();
    page.setContent(related);

    MimeBodyPart pdf = new MimeBodyPart();
    pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(report.pdf(), "application/pdf")));
    pdf.setDisposition(Part.ATTACHMENT);
    pdf.setFileName(attachmentName(report));

    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(page);
    mixed.addBodyPart(pdf);
    message.setContent(mixed);
    message.saveChanges();
    return message;
  }

  /** The name the PDF is attached under. */
  public static String attachmentName(RenderedReport report) {
    return "continuo-report-" + report.date() + ".pdf";
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

  private String hostPort() {
    String host = config.host();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
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
