package it.continuo.report.deliver;

import it.continuo.config.EmailConfig;
import it.continuo.mail.MailException;
import it.continuo.mail.SmtpServer;
import it.continuo.report.RenderedReport;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
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

  /**
   * One message: an HTML page with its images, and a PDF.
   *
   * @param subject the subject
   * @param html the body, images referenced as {@code cid:<id>}
   * @param images PNGs by content id
   * @param pdf the attachment
   * @param pdfName its file name
   * @param what what is mailed, for errors: "the report of 2026-11-25"
   */
  public record Mail(
      String subject,
      String html,
      Map<String, byte[]> images,
      byte[] pdf,
      String pdfName,
      String what) {}

  @Override
  public void send(RenderedReport report) throws ReportMailException {
    send(
        new Mail(
            report.subject(),
            report.mailHtml(),
            report.images(),
            report.pdf(),
            attachmentName(report),
            "the report of " + report.date()));
  }

  /** Mails {@code mail} to every recipient of {@code reports.email}. */
  public void send(Mail mail) throws ReportMailException {
    SmtpServer server = new SmtpServer(config, timeout);
    try {
      MimeMessage message = message(server.session(), mail);
      server.send(message, mail.what());
    } catch (MailException e) {
      throw new ReportMailException(e.getMessage(), e.getCause());
    } catch (MessagingException e) {
      throw new ReportMailException(
          "mailing "
              + mail.what()
              + " through the SMTP server "
              + server.hostPort()
              + " (security "
              + config.security()
              + ") failed: "
              + e.getMessage(),
          e);
    }
  }

  private MimeMessage message(Session session, Mail report) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(config.from(), true));
    for (String to : config.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(report.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(clock.instant()));

    MimeMultipart related = new MimeMultipart("related");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(report.html(), StandardCharsets.UTF_8.name(), "html");
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
    pdf.setFileName(report.pdfName());

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
}
