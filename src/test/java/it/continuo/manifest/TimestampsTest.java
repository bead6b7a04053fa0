package it.continuo.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Manifest timestamps")
class TimestampsTest {
  static String format(Instant t) {
    StringBuilder b = new StringBuilder();
    Timestamps.append(b, t);
    return b.toString();
  }

  @Test
  @DisplayName("are written as Instant.toString writes them and parse back exactly")
  void roundTrip() {
    Random r = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long seconds = r.nextLong() % 253402300799L; // up to 9999-12-31
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1000;
            default -> r.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(Math.abs(seconds), nanos);
      String s = format(t);
      assertThat(s).isEqualTo(t.toString());
      assertThat(Timestamps.parse(s)).isEqualTo(t);
    }
  }

  @Test
  @DisplayName("accept what Instant.parse accepts and reject the same")
  void otherForms() {
    assertThat(Timestamps.parse("2026-11-25T22:00:00.5Z"))
        .isEqualTo(Instant.parse("2026-11-25T22:00:00.5Z"));
    assertThat(Timestamps.parse("2026-11-25T23:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-11-25T22:00:00Z"));
    assertThat(Timestamps.parse("1969-12-31T23:59:59.999999999Z"))
        .isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
    assertThatThrownBy(() -> Timestamps.parse("2026-13-25T22:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Timestamps.parse("2026-11-25T22:0x:00Z"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
