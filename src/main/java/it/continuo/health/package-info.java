/**
 * Server and UPS health: checks that sample what they watch ({@link
 * it.continuo.health.HealthCheck}) and say what they found as {@link it.continuo.health.Finding}s
 * of a {@link it.continuo.health.Severity}; {@code server} holds the checks of the machine (OSHI,
 * software RAID, SMART), {@code ups} the UPSes watched over the NUT network protocol.
 */
package it.continuo.health;
