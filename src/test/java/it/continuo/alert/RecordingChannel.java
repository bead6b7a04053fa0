package it.continuo.alert;

import java.util.ArrayList;
import java.util.List;

/** A channel that keeps what it is sent, and fails while told to. */
final class RecordingChannel implements Channel {
  private final String name;
  final List<Alert> received = new ArrayList<>();
  int failuresLeft;

  RecordingChannel(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws AlertException {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new AlertException("channel " + name + ": down for the test");
    }
    received.add(alert);
  }

  /** Each alert as "STATE SEVERITY incident". */
  List<String> lines() {
    return received.stream().map(a -> a.state() + " " + a.severity() + " " + a.incident()).toList();
  }
}
