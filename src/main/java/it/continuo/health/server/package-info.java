/**
 * The checks of the server Continuo runs on, one small class per check, built and sampled together
 * by {@link it.continuo.health.server.ServerHealth}, the one public type.
 *
 * <p>OSHI reads the machine ({@code Machine}); each check takes what it reads as a supplier, so a
 * test can feed it values. Load, memory, swap, disks and temperature are judged against the {@code
 * health} thresholds with {@link it.continuo.health.Hysteresis}; a disk also gets a forecast of
 * days until full from a least-squares line through its usage over the last week ({@code
 * FillForecast}). Uptime says INFO after a reboot; a network link that was up and went down is
 * WARN. Software RAID is read from {@code /proc/mdstat} ({@code Mdstat}, {@code RaidCheck}); SMART
 * from {@code smartctl -j} where smartmontools is installed, each call with a timeout.
 *
 * <p>All state (levels, trends, boot time, links seen up) is in memory: a restarted daemon starts
 * afresh, so a warning raised before the restart is raised again, and the trend needs six hours of
 * samples before it forecasts.
 */
package it.continuo.health.server;
