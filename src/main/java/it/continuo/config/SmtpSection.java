package it.continuo.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SMTP server as {@code reports.email} and {@code alerts.smtp} give it: host, port, security,
 * login with the password by reference, and the sender. The recipients are the caller's.
 */
final class SmtpSection {
  /** The keys of a server; a section with recipients adds its own. */
  static final List<String> KEYS = List.of("host", "port", "security", "user", "password", "from");

  private SmtpSection() {}

  /**
   * The server {@code node} describes, without recipients.
   *
   * @param m the node's keys, as read by the caller
   * @param warnings where a password sent without encryption is pointed out
   */
  static EmailConfig server(YamlNode node, Map<String, YamlNode> m, List<String> warnings)
      throws ConfigException {
    String host = node.require(m, "host").nonEmptyString().strip();
    EmailConfig.Security security =
        YamlNode.optional(m, "security", SmtpSection::security)
            .orElse(EmailConfig.Security.STARTTLS);
    int port =
        YamlNode.optional(m, "port", n -> n.integer(1, 65535)).orElse(security.defaultPort());
    String user = YamlNode.optional(m, "user", YamlNode::nonEmptyString).orElse(null);
    Secret password = YamlNode.optional(m, "password", YamlNode::secret).orElse(null);
    if (user != null && password == null) {
      throw node.error(
          "user is set but password is not (give it by reference, e.g."
              + " ${file:/etc/continuo/smtp.password})");
    }
    if (password != null && user == null) {
      throw m.get("password").error("password is set but user is not");
    }
    String from = address(node.require(m, "from"));
    if (security == EmailConfig.Security.NONE && password != null) {
      warnings.add(
          node.path()
              + " (line "
              + node.line()
              + "): the SMTP password is sent without encryption (security: none)");
    }
    return new EmailConfig(host, port, security, user, password, from, List.of());
  }

  private static EmailConfig.Security security(YamlNode n) throws ConfigException {
    return switch (n.nonEmptyString().strip().toLowerCase(Locale.ROOT)) {
      case "none" -> EmailConfig.Security.NONE;
      case "starttls" -> EmailConfig.Security.STARTTLS;
      case "tls" -> EmailConfig.Security.TLS;
      default -> throw n.error("security must be none, starttls or tls");
    };
  }

  /** A mail address, name@domain. */
  static String address(YamlNode node) throws ConfigException {
    String a = node.nonEmptyString().strip();
    int at = a.indexOf('@');
    if (at <= 0 || at != a.lastIndexOf('@') || at == a.length() - 1 || a.contains(" ")) {
      throw node.error("\"" + a + "\" is not a mail address (name@domain)");
    }
    return a;
  }
}
