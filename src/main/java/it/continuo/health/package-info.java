/**
 * Server and UPS health: checks that sample what they watch ({@link
 * it.continuo.health.HealthCheck}) and say what they found as {@link it.continuo.health.Finding}s
 * of a {@link it.continuo.health.Severity}; {@code server} holds the checks of the machine (OSHI,
 * software RAID, SMART), {@code ups} the UPSes watched over the NUT network protocol.
 *
 * <p>A measured value is judged against a {@link it.continuo.health.Threshold} through a {@link
 * it.continuo.health.Hysteresis}, which holds a raised level until the value falls a margin below
 * its threshold, so that a value hovering at a threshold is one incident, not one per sample. A
 * {@link it.continuo.health.HealthReport} is one round of every check.
 */
package it.continuo.health;
