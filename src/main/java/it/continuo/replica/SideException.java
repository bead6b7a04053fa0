package it.continuo.replica;

import java.io.IOException;

/**
 * A side of a replica could not be checked; the message is the whole reason, naming the side
 * ({@code /srv/uno does not exist on secondario (root@127.0.0.3:2222)}).
 */
final class SideException extends IOException {
  SideException(String message, Throwable cause) {
    super(message, cause);
  }

  SideException(String message) {
    super(message);
  }
}
