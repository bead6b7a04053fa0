package it.continuo.ssh;

import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns JSch's exceptions into classified {@link SshException}s with readable messages. */
final class Failures {
  private Failures() {}

  /** A failure while connecting, logging in or checking the host key. */
  static SshException connecting(SshEndpoint endpoint, HostKeyVerifier hostKeys, JSchException e) {
    String where = endpoint.address();
    if (hostKeys.refused()) {
      return new SshException(hostKeys.refusal(endpoint), false, e);
    }
    if (e instanceof JSchHostKeyException) {
      return new SshException("host key of " + where + " refused: " + e.getMessage(), false, e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Auth fail")
        || message.startsWith("Auth cancel")
        || message.startsWith("MaxAuthTries")) {
      return new SshException(
          "authentication refused by "
              + where
              + ": user "
              + endpoint.user()
              + " with key "
              + endpoint.privateKey()
              + " (is its public key in the user's ~/.ssh/authorized_keys?)",
          false,
          e);
    }
    if (e instanceof JSchAlgoNegoFailException || message.startsWith("There are not any")) {
      return new SshException("no common SSH algorithm with " + where + ": " + message, false, e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof UnknownHostException) {
      return new SshException("cannot resolve host " + endpoint.host(), true, e);
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return new SshException("cannot connect to " + where + ": " + cause.getMessage(), true, e);
    }
    if (cause instanceof SocketTimeoutException || message.contains("timeout")) {
      return new SshException(
          "no answer from "
              + where
              + " within "
              + endpoint.connectTimeout().toSeconds()
              + " s while connecting",
          true,
          e);
    }
    return new SshException("cannot connect to " + where + ": " + describe(e), true, e);
  }

  /** The connection broke, or was already down, while doing something. */
  static SshException lost(SshEndpoint endpoint, String doing, Exception e) {
    return new SshException(
        "connection to " + endpoint.address() + " lost while " + doing + ": " + describe(e),
        true,
        e);
  }

  /** The exception's own message, or its class when it has none; never a stack trace. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof JSchException)) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
