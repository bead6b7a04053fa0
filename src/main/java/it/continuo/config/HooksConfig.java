package it.continuo.config;

import java.time.Duration;
import java.util.List;

/**
 * Commands run around a backup with {@code /bin/sh -c}.
 *
 * @param pre run in order before the backup; the first that fails fails the run
 * @param post run in order after the backup whatever its outcome, which they find in their
 *     environment
 * @param timeout how long each command may take
 */
public record HooksConfig(List<String> pre, List<String> post, Duration timeout) {
  public static final HooksConfig NONE = new HooksConfig(List.of(), List.of(), Duration.ofHours(1));
}
