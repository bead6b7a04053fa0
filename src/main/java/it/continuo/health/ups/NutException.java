package it.continuo.health.ups;

import java.io.IOException;

/**
 * Talking to a NUT server failed: it did not answer, refused, or answered an error; the message
 * names the server (host:port) and, where there is one, the UPS. Subclasses say which, so that the
 * monitor can tell a stale UPS from a dead one.
 */
public class NutException extends IOException {
  private final String server;

  /**
   * @param server host:port of the NUT server
   * @param message what went wrong, without the server (added in front)
   * @param cause the underlying failure, or null
   */
  public NutException(String server, String message, Throwable cause) {
    super("NUT server " + server + ": " + message, cause);
    this.server = server;
  }

  /** host:port of the NUT server. */
  public String server() {
    return server;
  }
}
