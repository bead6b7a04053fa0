package it.continuo.report.deliver;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import it.continuo.config.Config;
import it.continuo.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * GreenMail on 127.0.0.1, on a free port, with the mailbox and login of the report's recipient, and
 * the configuration the agent would read to mail through it.
 */
final class Smtp implements AutoCloseable {
  static final String USER = "rco@studio.example";
  static final String OTHER = "it@studio.example";
  static final String FROM = "continuo@studio.example";
  static final String PASSWORD = "pw-Segreto-4711";
  static final String HTTP_TOKEN = "s3cret-Token-0123456789";

  final GreenMail mail;

  /**
   * @param setup which server: {@code ServerSetup.SMTP} or {@code ServerSetup.SMTPS}
   */
  Smtp(ServerSetup setup) {
    mail = new GreenMail(setup.createCopy("127.0.0.1").dynamicPort());
    mail.start();
    mail.setUser(USER, USER, PASSWORD);
  }

  int port() {
    return (mail.getSmtp() != null ? mail.getSmtp() : mail.getSmtps()).getPort();
  }

  /**
   * The configuration, as the config loader reads it, of an agent mailing through this server.
   *
   * @param security {@code none}, {@code starttls} or {@code tls}
   * @param password the SMTP password the agent has; null for no login at all
   */
  Config config(Path dir, String security, String password) throws Exception {
    return config(dir, port(), security, password);
  }

  static Config config(Path dir, int port, String security, String password) throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: srv-primario, dataDir: data }
        sources: { uno: { paths: [/srv/uno] } }
        targets: { nas: { type: local, path: /mnt/nas } }
        jobs:
          uno-nas: { source: uno, target: nas, full: "0 0 22 ? * SUN", incremental: "0 0 22 ? * MON-SAT" }
        http: { listen: "127.0.0.1:8420", token: "${env:CONTINUO_HTTP_TOKEN}" }
        reports:
          keepDays: 30
          email:
            host: 127.0.0.1
            port: %d
            security: %s
        %s    from: %s
            to: [%s, %s]
        """
            .formatted(port, security, login(password), FROM, USER, OTHER));
    Map<String, String> environment =
        password == null
            ? Map.of("CONTINUO_HTTP_TOKEN", HTTP_TOKEN)
            : Map.of("SMTP_PASSWORD", password, "CONTINUO_HTTP_TOKEN", HTTP_TOKEN);
    return new ConfigLoader(environment).load(file);
  }

  private static String login(String password) {
    return password == null
        ? ""
        : "    user: " + USER + "\n    password: \"${env:SMTP_PASSWORD}\"\n";
  }

  @Override
  public void close() {
    mail.stop();
  }
}
