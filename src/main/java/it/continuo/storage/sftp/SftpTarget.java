package it.continuo.storage.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import it.continuo.config.SftpTargetConfig;
import it.continuo.ssh.CipherWarmUp;
import it.continuo.ssh.SshEndpoint;
import it.continuo.storage.Keys;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target that is a directory on another server, over SFTP. Connects on first use and again after
 * the connection is lost; safe for concurrent uploads and reads.
 */
public final class SftpTarget implements Target {
  private static final Logger log = LoggerFactory.getLogger(SftpTarget.class);

  /**
   * Ranges up to this length are read at once on the channel shared by metadata operations, not on
   * a channel of their own: a listing reads a small range of every run's manifest (its footer), and
   * a new channel costs several round trips and a process on the server.
   */
  static final long SMALL_RANGE = 64 * 1024;

  private final String name;
  private final SshEndpoint endpoint;
  private final String root;
  private final SftpLink link;
  private final SftpErrors errors;

  public SftpTarget(SftpTargetConfig config) {
    this(config.name(), config.host().endpoint(), config.path());
  }

  /**
   * @param root the directory on the server that holds the keys; relative to the login directory
   *     unless it starts with '/'
   */
  public SftpTarget(String name, SshEndpoint endpoint, String root) {
    this.name = name;
    this.endpoint = endpoint;
    String r = root.replaceAll("/+$", "");
    this.root = r.isEmpty() && root.startsWith("/") ? "/" : r.isEmpty() ? "." : r;
    this.link = new SftpLink(endpoint);
    this.errors = new SftpErrors("target " + name + " (" + location() + "): ");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return "sftp " + endpoint + (root.startsWith("/") ? "" : "/") + root;
  }

  String where() {
    return "target " + name + " (" + location() + "): ";
  }

  SftpErrors errors() {
    return errors;
  }

  String path(String key) throws TargetException {
    return (root.equals("/") ? "" : root) + "/" + Keys.check(key);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return openRange(key, 0, Long.MAX_VALUE);
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    String path = path(key);
    String doing = "reading " + key;
    if (length <= SMALL_RANGE) {
      try {
        return new ByteArrayInputStream(link.metadata(c -> read(c, path, offset, (int) length)));
      } catch (IOException | SftpException e) {
        throw metadataFailure(e, doing);
      }
    }
    ChannelSftp channel = null;
    try {
      channel = link.channel();
      InputStream in = channel.get(RemotePath.literal(path), null, offset);
      return new ChannelInputStream(in, channel, length, errors, doing);
    } catch (IOException | SftpException e) {
      boolean connected = channel != null && channel.isConnected();
      if (channel != null) {
        channel.disconnect();
      }
      throw errors.classify(e, doing, connected);
    }
  }

  /** Reads at most {@code length} bytes from {@code offset} on, at once, on {@code channel}. */
  private static byte[] read(ChannelSftp channel, String path, long offset, int length)
      throws IOException, SftpException {
    try (InputStream in = channel.get(RemotePath.literal(path), null, offset)) {
      return in.readNBytes(length);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    String path = path(key);
    try {
      SftpATTRS a = link.metadata(c -> c.lstat(RemotePath.literal(path)));
      return a.isReg() ? Optional.of(info(key, a)) : Optional.empty();
    } catch (IOException | SftpException e) {
      if (SftpErrors.isNoSuchFile(e)) {
        return Optional.empty();
      }
      throw metadataFailure(e, "reading " + key);
    }
  }

  static ObjectInfo info(String key, SftpATTRS a) {
    return new ObjectInfo(key, a.getSize(), Instant.ofEpochSecond(a.getMTime() & 0xffffffffL));
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    try {
      return new RemoteTree(this, link).objects(prefix);
    } catch (IOException | SftpException e) {
      throw metadataFailure(e, "listing " + prefix);
    }
  }

  @Override
  public Upload create(String key) throws IOException {
    String path = path(key);
    String temporary =
        RemotePath.parent(path)
            + "/."
            + RemotePath.name(path)
            + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
            + RemotePath.PARTIAL_SUFFIX;
    try {
      new RemoteTree(this, link).createDirectories(RemotePath.parent(path));
    } catch (IOException | SftpException e) {
      throw metadataFailure(e, "writing " + key);
    }
    CipherWarmUp.inBackground(); // the upload of an archive is the bulk transfer it is for
    return SftpUpload.open(this, link, key, path, temporary, 0);
  }

  /**
   * Continues an upload of this target after a transient failure, on a new connection if needed:
   * the temporary file is cut back to the {@link Upload#durable()} bytes and written on from there.
   * The interrupted upload is finished by this: closing it afterwards does nothing.
   *
   * @throws TargetException permanent when {@code interrupted} is not an upload of this target or
   *     the server no longer has its durable bytes (then start over with {@link #create})
   */
  @Override
  public Upload resume(Upload interrupted) throws IOException {
    if (!(interrupted instanceof SftpUpload previous) || previous.target() != this) {
      throw new TargetException(
          Kind.PERMANENT, where() + "cannot resume an upload of another target");
    }
    String key = previous.key();
    String temporary = previous.temporary();
    long durable = previous.handOver();
    String doing = "resuming " + key;
    try {
      long size = link.metadata(c -> c.lstat(RemotePath.literal(temporary))).getSize();
      if (size < durable) {
        throw new TargetException(
            Kind.PERMANENT,
            where()
                + "cannot resume "
                + key
                + ": the server has "
                + size
                + " of "
                + durable
                + " durable bytes");
      }
      if (size > durable) {
        SftpATTRS cut = new SftpATTRS();
        cut.setSIZE(durable);
        link.metadata(
            c -> {
              c.setStat(RemotePath.literal(temporary), cut);
              return null;
            });
      }
    } catch (IOException | SftpException e) {
      TargetException failure =
          SftpErrors.isNoSuchFile(e)
              ? new TargetException(
                  Kind.PERMANENT,
                  where() + "cannot resume " + key + ": its temporary file is gone",
                  e)
              : metadataFailure(e, doing);
      throw failure;
    }
    return SftpUpload.open(this, link, key, path(key), temporary, durable);
  }

  @Override
  public void delete(String key) throws IOException {
    String path = path(key);
    try {
      remove(path);
    } catch (IOException | SftpException e) {
      if (!SftpErrors.isNoSuchFile(e)) {
        throw metadataFailure(e, "deleting " + key);
      }
    }
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    try {
      for (String partial : new RemoteTree(this, link).partials(prefix)) {
        try {
          remove(partial);
        } catch (SftpException e) {
          if (!SftpErrors.isNoSuchFile(e)) {
            throw e;
          }
        }
      }
    } catch (IOException | SftpException e) {
      throw metadataFailure(e, "cleaning " + prefix);
    }
  }

  /** Removes a temporary file, logging instead of failing: for aborts. */
  void removeQuietly(String temporary) {
    try {
      try {
        remove(temporary);
      } catch (IOException | SftpException e) {
        if (SftpErrors.isNoSuchFile(e)
            || errors.classify(e, "removing", link.metadataConnected()).kind()
                != TargetException.Kind.TRANSIENT) {
          throw e;
        }
        // The link died (the upload's failure was its first sign, and the session may not know
        // yet): once more on a new connection.
        link.reconnect();
        remove(temporary);
      }
    } catch (IOException | SftpException e) {
      if (!SftpErrors.isNoSuchFile(e)) {
        log.warn(
            "{}could not remove temporary file {} (cleanup will): {}",
            where(),
            temporary,
            SftpErrors.describe(e));
      }
    }
  }

  private void remove(String path) throws IOException, SftpException {
    link.metadata(
        c -> {
          c.rm(RemotePath.literal(path));
          return null;
        });
  }

  private TargetException metadataFailure(Exception e, String doing) {
    return errors.classify(e, doing, link.metadataConnected());
  }

  /** Closes the connection; uploads and reads still open fail. */
  @Override
  public void close() {
    link.close();
  }

  @Override
  public String toString() {
    return location();
  }
}
