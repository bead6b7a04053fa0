package it.continuo.health.ups;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a UPS said in one poll.
 *
 * @param flags the known words of {@code ups.status}
 * @param otherFlags words of {@code ups.status} this enum does not know, kept for messages
 * @param batteryCharge {@code battery.charge}, percent, when the UPS reports it
 * @param batteryRuntimeSeconds {@code battery.runtime}, seconds, when reported
 * @param loadPercent {@code ups.load}, percent, when reported
 * @param inputVoltage {@code input.voltage}, volts, when reported
 */
public record UpsStatus(
    Set<UpsFlag> flags,
    List<String> otherFlags,
    OptionalDouble batteryCharge,
    OptionalDouble batteryRuntimeSeconds,
    OptionalDouble loadPercent,
    OptionalDouble inputVoltage) {

  public UpsStatus {
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    otherFlags = List.copyOf(otherFlags);
  }

  /** Where the UPS stands, upsmon's way: the state its events follow. */
  public enum Power {
    /** On line power. */
    ONLINE,
    /** On battery, not low. */
    ON_BATTERY,
    /** On battery and low battery: critical. */
    LOW_BATTERY,
    /** Forced shutdown: critical. */
    FORCED_SHUTDOWN,
    /** Neither OL nor OB (WAIT just after the driver started, or OFF). */
    UNKNOWN;

    /** Whether the UPS runs on its battery. */
    public boolean onBattery() {
      return this == ON_BATTERY || this == LOW_BATTERY;
    }
  }

  /** Reads the variables of {@code LIST VAR}; missing or unreadable numbers are left empty. */
  public static UpsStatus of(Map<String, String> variables) {
    EnumSet<UpsFlag> flags = EnumSet.noneOf(UpsFlag.class);
    List<String> other = new ArrayList<>();
    for (String word : variables.getOrDefault("ups.status", "").trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      try {
        flags.add(UpsFlag.valueOf(word.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        other.add(word);
      }
    }
    return new UpsStatus(
        flags,
        other,
        number(variables.get("battery.charge")),
        number(variables.get("battery.runtime")),
        number(variables.get("ups.load")),
        number(variables.get("input.voltage")));
  }

  private static OptionalDouble number(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** Whether {@code ups.status} holds the flag. */
  public boolean has(UpsFlag flag) {
    return flags.contains(flag);
  }

  /** FSD first, then OB with LB, OB, OL; else unknown. */
  public Power power() {
    if (has(UpsFlag.FSD)) {
      return Power.FORCED_SHUTDOWN;
    }
    if (has(UpsFlag.OB)) {
      return has(UpsFlag.LB) ? Power.LOW_BATTERY : Power.ON_BATTERY;
    }
    return has(UpsFlag.OL) ? Power.ONLINE : Power.UNKNOWN;
  }

  /** {@code ups.status} as NUT writes it, e.g. "OB LB". */
  public String statusText() {
    List<String> words = new ArrayList<>();
    for (UpsFlag f : UpsFlag.values()) {
      if (has(f)) {
        words.add(f.name());
      }
    }
    words.addAll(otherFlags);
    return String.join(" ", words);
  }

  /** The figures for a message, e.g. "battery 80%, runtime 25 min, load 23%". */
  public String figures() {
    List<String> parts = new ArrayList<>();
    batteryCharge.ifPresent(c -> parts.add(String.format(Locale.ROOT, "battery %.0f%%", c)));
    batteryRuntimeSeconds.ifPresent(r -> parts.add("runtime " + runtime(r)));
    loadPercent.ifPresent(l -> parts.add(String.format(Locale.ROOT, "load %.0f%%", l)));
    inputVoltage.ifPresent(v -> parts.add(String.format(Locale.ROOT, "input %.0f V", v)));
    return String.join(", ", parts);
  }

  private static String runtime(double seconds) {
    long s = Math.round(seconds);
    return s < 120 ? s + " s" : (s / 60) + " min";
  }
}
