/**
 * Mail through the agent's SMTP server, shared by the morning report and the alerts: {@link
 * it.continuo.mail.SmtpServer} opens the session (security none, STARTTLS required, or TLS from the
 * first byte; the server's identity checked; a timeout on connecting and on each read or write),
 * sends one message, and turns what the server or the network said into a {@link
 * it.continuo.mail.MailException} an operator can act on. The password goes to the server only and
 * never into a message or log line.
 */
package it.continuo.mail;
