package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import it.continuo.ssh.SshConnection;
import it.continuo.ssh.SshEndpoint;
import it.continuo.ssh.SshException;
import java.io.Closeable;
import java.io.IOException;

/**
 * The target's one SSH session, opened on first use and again whenever it is found dead, plus the
 * shared channel for metadata operations.
 */
final class SftpLink implements Closeable {
  /** Read-ahead requests of a download; 32 KiB each, so up to 2 MiB in flight. */
  private static final int READ_AHEAD = 64;

  /** A metadata operation on the shared channel. */
  interface Call<T> {
    T on(ChannelSftp channel) throws IOException, SftpException;
  }

  private final SshEndpoint endpoint;
  private final Object metadataLock = new Object();
  private SshConnection connection; // guarded by this
  private ChannelSftp metadata; // guarded by metadataLock
  private boolean closed; // guarded by this

  SftpLink(SshEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** The live session, opening a new one if there is none or it died. */
  synchronized SshConnection connection() throws SshException {
    if (closed) {
      throw new SshException("the target is closed", false);
    }
    if (connection == null || !connection.isOpen()) {
      if (connection != null) {
        connection.close();
      }
      connection = SshConnection.open(endpoint);
    }
    return connection;
  }

  /** A new channel for one upload or one download; the caller disconnects it. */
  ChannelSftp channel() throws SshException {
    ChannelSftp channel = connection().sftp();
    try {
      channel.setBulkRequests(READ_AHEAD);
      // The workaround waits for every write to be acknowledged whenever the next one does not
      // fit the server's window, which stalls the pipeline; uploads wait for acknowledgements
      // every few MiB instead, so replies never pile up.
      channel.setUseWriteFlushWorkaround(false);
    } catch (JSchException e) {
      throw new IllegalStateException(e);
    }
    return channel;
  }

  /** Runs {@code call} on the shared metadata channel, one caller at a time. */
  <T> T metadata(Call<T> call) throws IOException, SftpException {
    synchronized (metadataLock) {
      if (metadata == null || !metadata.isConnected()) {
        if (metadata != null) {
          metadata.disconnect();
        }
        metadata = connection().sftp();
      }
      return call.on(metadata);
    }
  }

  /**
   * Drops the connection, whatever it says of itself, so that the next call opens a new one: for a
   * link found dead before the session noticed. Channels still open on it fail.
   */
  void reconnect() {
    synchronized (metadataLock) {
      if (metadata != null) {
        metadata.disconnect();
        metadata = null;
      }
    }
    synchronized (this) {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }
  }

  /** Whether the metadata channel is still up after a failure: if not, the failure was the link. */
  boolean metadataConnected() {
    synchronized (metadataLock) {
      return metadata != null && metadata.isConnected();
    }
  }

  @Override
  public void close() {
    synchronized (metadataLock) {
      if (metadata != null) {
        metadata.disconnect();
        metadata = null;
      }
    }
    synchronized (this) {
      closed = true;
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }
  }
}
