package it.continuo.failover.step;

import java.io.IOException;

/**
 * One fence method failed: the reason names the method and what happened (e.g. {@code ssh primario
 * `systemctl stop uno` exited 1: Unit uno.service not loaded.}); transient when trying again may
 * help (a primary that cannot be reached now, a NUT server that does not answer).
 */
final class FencingFailed extends IOException {
  private final boolean transientFailure;

  FencingFailed(String reason, boolean transientFailure) {
    super(reason);
    this.transientFailure = transientFailure;
  }

  boolean isTransient() {
    return transientFailure;
  }
}
