package it.continuo.health.ups;

import it.continuo.health.Severity;
import java.time.Instant;

/**
 * A change in a UPS's state, sent once when it happens (not at every poll).
 *
 * @param ups the UPS's name in Continuo's configuration
 * @param kind what changed
 * @param severity how bad the new state is: CRITICAL for low battery, forced shutdown, and a UPS
 *     that went silent or stale for the dead time while last seen on battery
 * @param time when the monitor saw it
 * @param message one readable sentence with the figures
 * @param status the last status the UPS reported (the one just read for power events), or null if
 *     it never answered
 */
public record UpsEvent(
    String ups, Kind kind, Severity severity, Instant time, String message, UpsStatus status) {

  /** What changed. */
  public enum Kind {
    /** First seen on line power. */
    ONLINE,
    /** The mains failed: the UPS runs on its battery. */
    ON_BATTERY,
    /** On battery and low battery: critical. */
    LOW_BATTERY,
    /** Forced shutdown (FSD): critical. */
    FORCED_SHUTDOWN,
    /** Back on line power after running on battery. */
    BACK_ONLINE,
    /** upsd answers but has no fresh data (DATA-STALE, DRIVER-NOT-CONNECTED). */
    STALE,
    /** No answer for the dead time (or stale that long while on battery). */
    UNREACHABLE,
    /** Fresh data again after STALE or UNREACHABLE. */
    COMMUNICATION_RESTORED
  }
}
