/**
 * UPSes watched over the NUT network protocol, the way upsmon watches them.
 *
 * <p>{@link it.continuo.health.ups.NutClient} speaks to upsd (TCP 3493) with a timeout on every
 * reply and limits on lines and lists, so that a broken or hostile server gives a {@link
 * it.continuo.health.ups.NutException} and never a hang. {@link
 * it.continuo.health.ups.NutUpsSource} keeps one logged-in connection per UPS and reads {@code LIST
 * VAR} into an {@link it.continuo.health.ups.UpsStatus}. {@link it.continuo.health.ups.UpsMonitor}
 * turns the polls into upsmon's states (online, on battery, low battery, forced shutdown, stale,
 * dead) and sends an {@link it.continuo.health.ups.UpsEvent} once per change; {@link
 * it.continuo.health.ups.UpsPoller} is the daemon thread that polls, and {@link
 * it.continuo.health.ups.UpsCheck} shows the monitors as a health check; {@link
 * it.continuo.health.ups.UpsWatch} starts all of them from {@code health.ups}.
 *
 * <p>Nothing is written: a crash loses only the monitors' memory of the last state, so after a
 * restart the first poll reports the UPS's state afresh (ONLINE, or ON_BATTERY if the mains are
 * still out).
 */
package it.continuo.health.ups;
