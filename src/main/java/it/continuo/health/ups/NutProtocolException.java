package it.continuo.health.ups;

/**
 * The server's reply is not the NUT protocol as expected: a line too long, a list too long or never
 * ended, bad quoting, an unexpected reply, or a server that is not NUT at all.
 */
public final class NutProtocolException extends NutException {
  /**
   * @param server host:port of the NUT server
   * @param message what was wrong with the reply
   */
  public NutProtocolException(String server, String message) {
    super(server, message, null);
  }
}
