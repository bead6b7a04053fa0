package it.continuo.failover.step;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * Small files on a client over one SFTP channel: read whole, written atomically (a temporary file
 * beside the target with the target's mode and owner, then renamed over it; OpenSSH's {@code
 * posix-rename} replaces the target in one step), deleted.
 */
final class RemoteFiles implements AutoCloseable {
  /** Larger files are refused: hosts and configuration files are small. */
  static final long MAX_SIZE = 4L << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ChannelSftp sftp;

  RemoteFiles(ChannelSftp sftp) {
    this.sftp = sftp;
  }

  /** The path as SFTP names it: {@code C:\x\y} becomes {@code /C:/x/y} (Windows OpenSSH). */
  static String sftpPath(String file) {
    if (file.matches("[A-Za-z]:[\\\\/].*")) {
      return "/" + file.replace('\\', '/');
    }
    return file;
  }

  /** The file's attributes, or null when it does not exist. */
  SftpATTRS stat(String path) throws IOException {
    try {
      return sftp.stat(path);
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        return null;
      }
      throw failure("cannot look at " + path, e);
    }
  }

  byte[] read(String path) throws IOException {
    SftpATTRS attrs = stat(path);
    if (attrs == null) {
      throw new IOException(path + ": no such file");
    }
    if (!attrs.isReg()) {
      throw new IOException(path + ": not a regular file");
    }
    if (attrs.getSize() > MAX_SIZE) {
      throw new IOException(path + ": larger than " + (MAX_SIZE >> 20) + " MiB");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) attrs.getSize());
    try {
      sftp.get(path, out);
    } catch (SftpException e) {
      throw failure("cannot read " + path, e);
    }
    return out.toByteArray();
  }

  /**
   * Replaces (or creates) {@code path} with {@code content}, mode and owner taken from {@code
   * like}.
   */
  void write(String path, byte[] content, SftpATTRS like) throws IOException {
    int slash = path.lastIndexOf('/');
    String tmp =
        path.substring(0, slash + 1)
            + "."
            + path.substring(slash + 1)
            + ".continuo-"
            + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE)
            + ".tmp";
    try {
      sftp.put(new ByteArrayInputStream(content), tmp, ChannelSftp.OVERWRITE);
      sftp.chmod(like.getPermissions() & 07777, tmp);
      SftpATTRS made = sftp.stat(tmp);
      if (made.getUId() != like.getUId()) {
        sftp.chown(like.getUId(), tmp);
      }
      if (made.getGId() != like.getGId()) {
        sftp.chgrp(like.getGId(), tmp);
      }
      sftp.rename(tmp, path);
    } catch (SftpException e) {
      IOException failure = failure("cannot write " + path, e);
      try {
        delete(tmp);
      } catch (IOException leftOver) {
        failure.addSuppressed(leftOver);
      }
      throw failure;
    }
  }

  /** Deletes the file if it exists. */
  void delete(String path) throws IOException {
    try {
      sftp.rm(path);
    } catch (SftpException e) {
      if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        throw failure("cannot delete " + path, e);
      }
    }
  }

  private static IOException failure(String doing, SftpException e) {
    String why =
        switch (e.id) {
          case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
          case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file";
          default -> String.valueOf(e.getMessage());
        };
    return new IOException(doing + ": " + why, e);
  }

  @Override
  public void close() {
    sftp.disconnect();
  }
}
