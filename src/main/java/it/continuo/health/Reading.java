package it.continuo.health;

import java.util.Map;

/**
 * A measured value, for {@code continuo health --json}, Nagios performance data and {@code
 * /metrics}.
 *
 * @param name a metric-like name, e.g. "disk_used_ratio", "ups_battery_charge_percent"
 * @param labels what it is about, e.g. {"mount": "/srv"} or {"ups": "sala-server"}
 * @param value the value
 * @param unit "ratio", "percent", "bytes", "seconds", "celsius", "load", "" when none
 */
public record Reading(String name, Map<String, String> labels, double value, String unit) {}
