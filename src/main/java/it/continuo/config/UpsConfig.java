package it.continuo.config;

import java.time.Duration;

/**
 * One UPS of {@code health.ups}, watched over the NUT network protocol.
 *
 * @param name the UPS's name in Continuo (the key under {@code health.ups}); findings and events
 *     name it
 * @param host upsd's host
 * @param port upsd's port, 3493 by default
 * @param ups the UPS's name on that upsd ({@code ups.conf} section), the name by default
 * @param user the upsd user to log in as, or null to read without logging in
 * @param password that user's password, by reference; null without a user
 * @param pollInterval how often the UPS is polled, 5s by default (upsmon's POLLFREQ)
 * @param power what to do when the power goes and when the battery runs low
 * @param deadTime how long the UPS may go unanswered before it is declared unreachable, 15s by
 *     default (upsmon's DEADTIME)
 */
public record UpsConfig(
    String name,
    String host,
    int port,
    String ups,
    String user,
    Secret password,
    Duration pollInterval,
    Duration deadTime,
    PowerConfig power) {

  @Override
  public String toString() {
    return "UpsConfig[" + name + ": " + ups + "@" + host + ":" + port + ", user " + user + "]";
  }
}
