package it.continuo.replica;

import java.time.Duration;

/**
 * What a lag probe ({@code replicas.NAME.probes}) measured.
 *
 * @param name the probe's name
 * @param lag the lag it printed, or null when it failed
 * @param error why it failed (exit status, timeout, output that is not a number), or null
 */
public record ProbeResult(String name, Duration lag, String error) {

  /** True when the probe gave a lag. */
  public boolean ok() {
    return error == null;
  }
}
