package it.continuo.health.ups;

import java.time.Duration;

/**
 * A UPS read from upsd over one kept connection, as upsmon does: logged in (when a user is given),
 * then {@code LIST VAR} at every read. A failed read drops the connection; the next one connects
 * again.
 */
public final class NutUpsSource implements UpsSource {
  private final String host;
  private final int port;
  private final String ups;
  private final String user;
  private final String password;
  private final Duration timeout;
  private NutClient client;

  /**
   * @param host upsd's host
   * @param port upsd's port
   * @param ups the UPS's name on that server
   * @param user the upsd user, or null to read without logging in
   * @param password that user's password (ignored without a user)
   * @param timeout for the connection and for each reply
   */
  public NutUpsSource(
      String host, int port, String ups, String user, String password, Duration timeout) {
    this.host = host;
    this.port = port;
    this.ups = ups;
    this.user = user;
    this.password = password;
    this.timeout = timeout;
  }

  @Override
  public synchronized UpsStatus read() throws NutException {
    try {
      if (client == null) {
        client = NutClient.connect(host, port, timeout);
        if (user != null) {
          client.login(user, password, ups);
        }
      }
      return UpsStatus.of(client.listVars(ups));
    } catch (NutErrorException e) {
      if (!e.stale()) {
        close();
      }
      throw e;
    } catch (NutException e) {
      close();
      throw e;
    }
  }

  @Override
  public String describe() {
    return ups + "@" + host + ":" + port;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
