package it.continuo.storage;

import it.continuo.config.LocalTargetConfig;
import it.continuo.config.TargetConfig;
import it.continuo.config.TargetOptions;
import it.continuo.storage.local.LocalTarget;
import it.continuo.storage.wrap.Backoff;
import it.continuo.storage.wrap.RetryingTarget;
import it.continuo.storage.wrap.ThrottledTarget;
import java.io.IOException;

/**
 * Opens the target a configuration entry describes, with its wrappers in the one order that works:
 * the bandwidth limit next to the real target, retries around it (so a resumed upload replays the
 * bytes the target actually received), and encryption outermost (so retries and resumption work on
 * the ciphertext, and the encryptor sees each byte once).
 */
public final class Targets {
  private Targets() {}

  public static Target open(TargetConfig config) throws IOException {
    return wrap(raw(config), config.options());
  }

  /** The target itself, without wrappers. */
  public static Target raw(TargetConfig config) throws IOException {
    if (config instanceof LocalTargetConfig local) {
      return new LocalTarget(local.name(), local.path());
    }
    throw new IllegalArgumentException("no implementation for target type " + config.type());
  }

  static Target wrap(Target target, TargetOptions options) {
    Target t = target;
    if (options.bandwidth() > 0) {
      t = new ThrottledTarget(t, options.bandwidth());
    }
    return new RetryingTarget(t, new Backoff(options.retries(), options.retryDelay()));
  }
}
