package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a temporary file on a channel of its own, then checks its size and renames it onto the key
 * on commit.
 *
 * <p>Writes are gathered into {@link #BUFFER}-byte pieces and sent without waiting for the server;
 * every {@link #DURABLE_EVERY} bytes, and on {@link #flush()}, the upload waits for every piece to
 * be acknowledged and moves {@link #durable()} up to there.
 *
 * <p>Every call on the channel runs on the upload's own {@link ChannelThread}, whichever thread
 * writes, flushes or commits.
 *
 * <p>Once {@link SftpTarget#resume} has taken this upload over, it is finished: {@link #close()}
 * does nothing and in particular does not delete the temporary file, which now belongs to the
 * resumed upload.
 */
final class SftpUpload extends Upload {
  private static final Logger log = LoggerFactory.getLogger(SftpUpload.class);

  /** Bytes per call into JSch; it cuts them into SFTP packets itself. */
  static final int BUFFER = 256 * 1024;

  /** How many bytes may be in flight, unacknowledged, before the upload waits for the server. */
  static final long DURABLE_EVERY = 8L * 1024 * 1024;

  private final SftpTarget target;
  private final String key;
  private final String path;
  private final String temporary;
  private final ChannelThread io;
  private final ChannelSftp channel;
  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private int buffered;
  private long sent;
  private long durable;
  private boolean done;

  private SftpUpload(
      SftpTarget target,
      String key,
      String path,
      String temporary,
      ChannelThread io,
      ChannelSftp channel,
      OutputStream out,
      long offset) {
    this.target = target;
    this.key = key;
    this.path = path;
    this.temporary = temporary;
    this.io = io;
    this.channel = channel;
    this.out = out;
    this.sent = offset;
    this.durable = offset;
  }

  /**
   * An upload writing {@code temporary} from {@code offset} on, on a new channel of {@code link}.
   *
   * @param offset where the temporary file's bytes continue: 0 for a new upload, the durable bytes
   *     for a resumed one
   */
  static SftpUpload open(
      SftpTarget target, SftpLink link, String key, String path, String temporary, long offset)
      throws TargetException {
    ChannelThread io = new ChannelThread("sftp " + key);
    ChannelSftp channel = null;
    try {
      channel = io.call(link::channel);
      ChannelSftp opened = channel;
      int mode = offset == 0 ? ChannelSftp.OVERWRITE : ChannelSftp.RESUME;
      OutputStream out = io.call(() -> opened.put(RemotePath.literal(temporary), mode));
      return new SftpUpload(target, key, path, temporary, io, channel, out, offset);
    } catch (IOException | SftpException e) {
      boolean connected = channel != null && channel.isConnected();
      if (channel != null) {
        channel.disconnect();
      }
      io.close();
      throw target.errors().classify(e, "writing " + key, connected);
    }
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean resumable() {
    return true;
  }

  @Override
  public synchronized long durable() {
    return durable;
  }

  String temporary() {
    return temporary;
  }

  SftpTarget target() {
    return target;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    if (buffered == 0 && len >= BUFFER) {
      send(b, off, len);
      return;
    }
    while (len > 0) {
      int n = Math.min(len, BUFFER - buffered);
      System.arraycopy(b, off, buffer, buffered, n);
      buffered += n;
      off += n;
      len -= n;
      if (buffered == BUFFER) {
        drain();
      }
    }
  }

  private void drain() throws IOException {
    if (buffered > 0) {
      int n = buffered;
      buffered = 0;
      send(buffer, 0, n);
    }
  }

  private void send(byte[] b, int off, int len) throws IOException {
    try {
      io.perform(() -> out.write(b, off, len));
      sent += len;
      if (sent - durable >= DURABLE_EVERY) {
        acknowledge();
      }
    } catch (IOException | SftpException e) {
      throw failure(e);
    }
  }

  /** Waits until the server has acknowledged every write sent so far. */
  private void acknowledge() throws IOException, SftpException {
    io.perform(out::flush);
    synchronized (this) {
      durable = sent;
    }
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    drain();
    try {
      acknowledge();
    } catch (IOException | SftpException e) {
      throw failure(e);
    }
  }

  @Override
  public void commit() throws IOException {
    checkOpen();
    try {
      drain();
      io.perform(out::close); // waits for the last acknowledgements and closes the handle
      synchronized (this) {
        durable = sent;
      }
      long size = io.call(() -> channel.lstat(RemotePath.literal(temporary)).getSize());
      if (size != sent) {
        throw new TargetException(
            Kind.TRANSIENT,
            target.where() + "wrote " + sent + " bytes of " + key + " but the server has " + size);
      }
      io.perform(() -> channel.rename(RemotePath.literal(temporary), RemotePath.literal(path)));
      done = true;
      channel.disconnect();
      io.close();
    } catch (IOException | SftpException e) {
      TargetException failure = failure(e);
      if (failure.kind() != Kind.TRANSIENT) {
        abort();
      } // else the temporary file stays for a resumed upload (closing this one removes it)
      throw failure;
    }
  }

  private TargetException failure(Exception e) {
    return target.errors().classify(e, "writing " + key, channel.isConnected());
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("upload of " + key + " already finished");
    }
  }

  /**
   * Hands the temporary file over to a resumed upload: this one is finished and its channel
   * released, without deleting the file.
   */
  synchronized long handOver() {
    checkOpen();
    done = true;
    if (channel.isConnected()) {
      try {
        drain();
        io.perform(out::close); // no write of this channel may land after the resumed upload's
      } catch (IOException | SftpException e) {
        log.debug("closing the interrupted upload of {}: {}", key, e.toString());
      }
    }
    channel.disconnect();
    io.close();
    return durable;
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    // Not on this channel: replies to writes still in flight would be taken for the answer. Nor
    // on its thread, which a call may still hold: disconnecting ends that call.
    channel.disconnect();
    io.close();
    target.removeQuietly(temporary);
  }

  @Override
  public void close() {
    abort();
  }
}
