package it.continuo.failover.dns;

/**
 * A DNS query or update that failed, with a readable reason naming the server and the name; it
 * never contains a key's secret. {@link #isTransient()} says whether trying again may help (a
 * timeout, an unreachable server) or not (a rejected key, a refused update, a bad key file).
 */
public final class DnsException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  DnsException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  DnsException(String message) {
    this(message, false, null);
  }

  /** True when the same request, sent again later, may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
