package it.continuo.alert;

/** Somewhere alerts go: a mailbox, a webhook, a command. */
public interface Channel {
  /** Its name in {@code alerts.channels}. */
  String name();

  /**
   * Delivers {@code alert}, within the channel's timeout.
   *
   * @throws AlertException saying where and why, never with a secret
   */
  void send(Alert alert) throws AlertException;
}
