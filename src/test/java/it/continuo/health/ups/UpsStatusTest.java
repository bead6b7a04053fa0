package it.continuo.health.ups;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.health.ups.UpsStatus.Power;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A UPS status")
class UpsStatusTest {

  @Test
  @DisplayName("reads the flags of ups.status and the figures")
  void reads() {
    UpsStatus s =
        UpsStatus.of(
            Map.of(
                "ups.status", "OB DISCHRG LB RB XYZ",
                "battery.charge", "8",
                "battery.runtime", "95",
                "ups.load", "41.5",
                "input.voltage", "0.0"));
    assertThat(s.flags())
        .containsExactlyInAnyOrder(UpsFlag.OB, UpsFlag.DISCHRG, UpsFlag.LB, UpsFlag.RB);
    assertThat(s.otherFlags()).containsExactly("XYZ");
    assertThat(s.batteryCharge()).hasValue(8);
    assertThat(s.batteryRuntimeSeconds()).hasValue(95);
    assertThat(s.loadPercent()).hasValue(41.5);
    assertThat(s.inputVoltage()).hasValue(0.0);
    assertThat(s.power()).isEqualTo(Power.LOW_BATTERY);
    assertThat(s.statusText()).isEqualTo("OB LB RB DISCHRG XYZ");
    assertThat(s.figures()).isEqualTo("battery 8%, runtime 95 s, load 42%, input 0 V");
  }

  @Test
  @DisplayName("leaves out missing or unreadable figures")
  void missing() {
    UpsStatus s = UpsStatus.of(Map.of("ups.status", "OL CHRG", "battery.charge", "n/a"));
    assertThat(s.batteryCharge()).isEmpty();
    assertThat(s.batteryRuntimeSeconds()).isEmpty();
    assertThat(s.figures()).isEmpty();
    assertThat(s.power()).isEqualTo(Power.ONLINE);
  }

  @Test
  @DisplayName("power: FSD before all, OB with LB is low battery, WAIT and no status are unknown")
  void power() {
    assertThat(power("OL FSD")).isEqualTo(Power.FORCED_SHUTDOWN);
    assertThat(power("OB")).isEqualTo(Power.ON_BATTERY);
    assertThat(power("OB LB")).isEqualTo(Power.LOW_BATTERY);
    assertThat(power("OL LB")).isEqualTo(Power.ONLINE);
    assertThat(power("WAIT")).isEqualTo(Power.UNKNOWN);
    assertThat(UpsStatus.of(Map.of()).power()).isEqualTo(Power.UNKNOWN);
  }

  private static Power power(String status) {
    return UpsStatus.of(Map.of("ups.status", status)).power();
  }
}
