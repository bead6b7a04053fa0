package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading ip -o addr show for the virtual address")
class VipStepTest {
  static final String OUTPUT =
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
          + "1: lo    inet 127.0.0.77/32 scope host lo\\       valid_lft forever\n"
          + "2: eth0    inet6 2001:db8::77/64 scope global \\       valid_lft forever\n";

  @Test
  @DisplayName("finds the address with its prefix, IPv4 and IPv6 compared by value")
  void finds() {
    assertThat(VipStep.lists(OUTPUT, "127.0.0.77/32")).isTrue();
    assertThat(VipStep.lists(OUTPUT, "2001:DB8:0::77/64")).isTrue();
  }

  @Test
  @DisplayName("a longer address, another prefix or another family is not it")
  void notIt() {
    assertThat(VipStep.lists(OUTPUT, "127.0.0.7/32")).isFalse();
    assertThat(VipStep.lists(OUTPUT, "127.0.0.77/24")).isFalse();
    assertThat(VipStep.lists(OUTPUT, "2001:db8::7/64")).isFalse();
    assertThat(VipStep.lists("", "127.0.0.77/32")).isFalse();
  }
}
