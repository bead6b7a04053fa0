package it.continuo.replica;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import it.continuo.ssh.SshConnection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A side whose server runs no command for us (e.g. {@code command="internal-sftp"} in
 * authorized_keys): listed directory by directory over SFTP and hashed by reading the files. SFTP
 * version 3 gives modification times in whole seconds and no status change time (the mtime stands
 * in for it). Names go through as ISO-8859-1, one char per byte, so that any name comes back as the
 * bytes it is. The directories still to list are held in memory: a stack as long as the tree has
 * directories not yet listed.
 */
final class SftpHost implements ReplicaHost {
  private static final int TYPE_MASK = 0170000;

  private final SshConnection connection;
  private final String description;

  SftpHost(SshConnection connection, String description) {
    this.connection = connection;
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public long mtimeResolution() {
    return 1_000_000_000L;
  }

  private ChannelSftp channel() throws IOException {
    ChannelSftp sftp = connection.sftp();
    sftp.setFilenameEncoding(StandardCharsets.ISO_8859_1);
    return sftp;
  }

  /** The file system's bytes of a path, as one char per byte for JSch. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** JSch reads '*', '?' and '\\' in a remote path as glob syntax: each escaped by a backslash. */
  private static String quote(String path) {
    return path.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
  }

  private static String latin1(String utf8) {
    return latin1(utf8.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public EntrySource list(String root, Duration timeout) throws IOException {
    ChannelSftp sftp = channel();
    String base = latin1(root);
    SftpATTRS rootAttrs;
    try {
      rootAttrs = sftp.stat(quote(base));
    } catch (SftpException e) {
      sftp.disconnect();
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        throw new SideException(root + " does not exist on " + description, e);
      }
      throw new SideException("listing " + root + " on " + description + " failed: " + e, e);
    }
    if (!rootAttrs.isDir()) {
      sftp.disconnect();
      throw new SideException(root + " does not exist on " + description, null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Deque<byte[]> dirs = new ArrayDeque<>();
    Deque<Entry> ready = new ArrayDeque<>();
    ready.add(entry(new byte[0], rootAttrs, new byte[0]));
    dirs.push(new byte[0]);
    return new EntrySource() {
      @Override
      public Entry next() throws IOException {
        while (ready.isEmpty() && !dirs.isEmpty()) {
          if (System.nanoTime() - deadline > 0) {
            throw new SideException(
                "listing " + root + " on " + description + ": no result within " + timeout);
          }
          listDirectory(sftp, base, dirs.pop(), dirs, ready);
        }
        return ready.poll();
      }

      @Override
      public void close() {
        sftp.disconnect();
      }
    };
  }

  private void listDirectory(
      ChannelSftp sftp, String base, byte[] dir, Deque<byte[]> dirs, Deque<Entry> ready)
      throws IOException {
    String abs = dir.length == 0 ? base : base + "/" + latin1(dir);
    List<ChannelSftp.LsEntry> entries;
    try {
      entries = sftp.ls(quote(abs));
    } catch (SftpException e) {
      throw new SideException(
          "listing "
              + Entry.text(abs.getBytes(StandardCharsets.ISO_8859_1))
              + " on "
              + description
              + " failed: "
              + e.getMessage(),
          e);
    }
    for (ChannelSftp.LsEntry ls : entries) {
      String name = ls.getFilename();
      if (name.equals(".") || name.equals("..")) {
        continue;
      }
      byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
      byte[] path = dir.length == 0 ? nameBytes : join(dir, nameBytes);
      SftpATTRS a = ls.getAttrs();
      byte[] target = new byte[0];
      if (a.isLink()) {
        try {
          target = sftp.readlink(quote(abs + "/" + name)).getBytes(StandardCharsets.ISO_8859_1);
        } catch (SftpException e) {
          throw new SideException(
              "reading link " + Entry.text(path) + " on " + description + " failed: " + e, e);
        }
      }
      Entry e = entry(path, a, target);
      ready.add(e);
      if (e.isDirectory()) {
        dirs.push(path);
      }
    }
  }

  private static byte[] join(byte[] dir, byte[] name) {
    byte[] p = Arrays.copyOf(dir, dir.length + 1 + name.length);
    p[dir.length] = '/';
    System.arraycopy(name, 0, p, dir.length + 1, name.length);
    return p;
  }

  private static Entry entry(byte[] path, SftpATTRS a, byte[] target) {
    char type;
    if (a.isReg()) {
      type = 'f';
    } else if (a.isDir()) {
      type = 'd';
    } else if (a.isLink()) {
      type = 'l';
    } else if (a.isFifo()) {
      type = 'p';
    } else if (a.isSock()) {
      type = 's';
    } else if (a.isBlk()) {
      type = 'b';
    } else if (a.isChr()) {
      type = 'c';
    } else {
      type = '?';
    }
    long mtime = Integer.toUnsignedLong(a.getMTime()) * 1_000_000_000L;
    return new Entry(
        path,
        type,
        a.getSize(),
        mtime,
        mtime,
        a.getPermissions() & ~TYPE_MASK & 07777,
        Integer.toUnsignedLong(a.getUId()),
        Integer.toUnsignedLong(a.getGId()),
        target);
  }

  @Override
  public Hashes hash(String root, Path list, Duration timeout) throws IOException {
    ChannelSftp sftp = channel();
    InputStream names = new BufferedInputStream(Files.newInputStream(list));
    String base = latin1(root);
    long deadline = System.nanoTime() + timeout.toNanos();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    return new Hashes() {
      @Override
      public String next() throws IOException {
        java.io.ByteArrayOutputStream name = new java.io.ByteArrayOutputStream();
        for (int b; (b = names.read()) != 0; ) {
          if (b < 0) {
            return null;
          }
          name.write(b);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new SideException(
              "hashing files under "
                  + root
                  + " on "
                  + description
                  + ": no result within "
                  + timeout);
        }
        String file = base + "/" + latin1(name.toByteArray());
        sha.reset();
        try (InputStream in = sftp.get(quote(file))) {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            sha.update(buffer, 0, n);
          }
        } catch (SftpException e) {
          throw new SideException(
              "reading "
                  + Entry.text(name.toByteArray())
                  + " on "
                  + description
                  + " failed: "
                  + e.getMessage(),
              e);
        }
        return HexFormat.of().formatHex(sha.digest());
      }

      @Override
      public void close() throws IOException {
        names.close();
        sftp.disconnect();
      }
    };
  }

  @Override
  public void close() {
    connection.close();
  }
}
