package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import it.continuo.ssh.SshException;
import it.continuo.storage.ObjectNotFoundException;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;

/** Classifies what JSch and the SFTP server report, with messages that name the target. */
final class SftpErrors {
  private final String where;

  SftpErrors(String where) {
    this.where = where;
  }

  /**
   * A classified error for a failure while {@code doing} something.
   *
   * @param connected whether the channel (and so the connection) is still up: a failure on a dead
   *     connection is transient whatever status JSch made up for it
   */
  TargetException classify(Exception e, String doing, boolean connected) {
    if (e instanceof TargetException t) {
      return t;
    }
    if (e instanceof SshException s) {
      return new TargetException(
          s.isTransient() ? Kind.TRANSIENT : Kind.PERMANENT, where + s.getMessage(), s);
    }
    if (e instanceof SftpException s && connected && s.getCause() == null) {
      return status(s, doing);
    }
    String reason =
        e instanceof SftpException s && s.getCause() != null ? describe(s.getCause()) : describe(e);
    return new TargetException(
        Kind.TRANSIENT, where + "connection lost while " + doing + " (" + reason + ")", e);
  }

  /** A status the server answered with. */
  private TargetException status(SftpException e, String doing) {
    return switch (e.id) {
      case ChannelSftp.SSH_FX_NO_SUCH_FILE ->
          new ObjectNotFoundException(where + "not found while " + doing, e);
      case ChannelSftp.SSH_FX_PERMISSION_DENIED ->
          new TargetException(Kind.PERMANENT, where + "permission denied while " + doing, e);
      case ChannelSftp.SSH_FX_NO_CONNECTION, ChannelSftp.SSH_FX_CONNECTION_LOST ->
          new TargetException(Kind.TRANSIENT, where + "connection lost while " + doing, e);
      case ChannelSftp.SSH_FX_FAILURE ->
          new TargetException(
              Kind.PERMANENT,
              where
                  + "the server failed while "
                  + doing
                  + " (disk full, read-only or a directory in the way?)",
              e);
      default ->
          new TargetException(
              Kind.PERMANENT, where + "the server refused " + doing + ": " + describe(e), e);
    };
  }

  /** Whether the server said the file does not exist. */
  static boolean isNoSuchFile(Exception e) {
    return e instanceof SftpException s
        && s.id == ChannelSftp.SSH_FX_NO_SUCH_FILE
        && s.getCause() == null;
  }

  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
