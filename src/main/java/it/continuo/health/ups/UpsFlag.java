package it.continuo.health.ups;

/** The words of NUT's {@code ups.status}, each with what it means. */
public enum UpsFlag {
  /** On line power. */
  OL("online"),
  /** On battery: the mains failed. */
  OB("on battery"),
  /** Low battery: with OB, the UPS may stop at any moment. */
  LB("low battery"),
  /** High battery. */
  HB("high battery"),
  /** The battery needs replacing. */
  RB("battery needs replacing"),
  /** Charging. */
  CHRG("charging"),
  /** Discharging. */
  DISCHRG("discharging"),
  /** On bypass: the load is not protected. */
  BYPASS("on bypass"),
  /** Runtime calibration. */
  CAL("calibrating"),
  /** The UPS output is off. */
  OFF("output off"),
  /** Overloaded. */
  OVER("overloaded"),
  /** Trimming a high input voltage. */
  TRIM("trimming voltage"),
  /** Boosting a low input voltage. */
  BOOST("boosting voltage"),
  /** Forced shutdown: the primary upsmon is shutting its systems down. */
  FSD("forced shutdown"),
  /** The driver has no data yet (just after it started). */
  WAIT("waiting for data"),
  /** An alarm is active (see ups.alarm). */
  ALARM("alarm"),
  /** A battery test runs. */
  TEST("battery test");

  private final String meaning;

  UpsFlag(String meaning) {
    this.meaning = meaning;
  }

  /** What the flag means, in a few words. */
  public String meaning() {
    return meaning;
  }
}
