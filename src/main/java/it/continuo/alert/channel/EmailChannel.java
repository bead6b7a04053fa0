package it.continuo.alert.channel;

import it.continuo.alert.Alert;
import it.continuo.alert.AlertException;
import it.continuo.alert.Channel;
import it.continuo.mail.MailException;
import it.continuo.mail.SmtpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/** Mails an alert, as plain text, to a list of addresses. */
public final class EmailChannel implements Channel {
  private final String name;
  private final SmtpServer server;
  private final List<String> to;

  /**
   * @param name the channel's name
   * @param server the SMTP server and sender
   * @param to the recipients
   */
  public EmailChannel(String name, SmtpServer server, List<String> to) {
    this.name = name;
    this.server = server;
    this.to = List.copyOf(to);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws AlertException {
    String what = "the alert about " + alert.incident();
    try {
      MimeMessage message = new MimeMessage(server.session());
      message.setFrom(new InternetAddress(server.from(), true));
      for (String address : to) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
      }
      message.setSubject(alert.title(), StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(alert.at()));
      message.setText(alert.text(), StandardCharsets.UTF_8.name());
      message.saveChanges();
      server.send(message, what);
    } catch (MailException e) {
      throw new AlertException("channel " + name + ": " + e.getMessage(), e);
    } catch (MessagingException e) {
      throw new AlertException(
          "channel " + name + ": cannot build the mail of " + what + ": " + e.getMessage(), e);
    }
  }
}
