package it.continuo.storage.local;

import it.continuo.storage.Upload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes to a hidden temporary file, then forces and renames it into place on commit. */
final class LocalUpload extends Upload {
  private static final Logger log = LoggerFactory.getLogger(LocalUpload.class);
  private static final int BUFFER = 1 << 20;

  private final LocalTarget target;
  private final String key;
  private final Path file;
  private final Path temporary;
  private final FileChannel channel;
  private final OutputStream out;
  private boolean done;

  LocalUpload(LocalTarget target, String key, Path file) throws IOException {
    this.target = target;
    this.key = key;
    this.file = file;
    this.temporary =
        file.resolveSibling(
            "."
                + file.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                + LocalTarget.PARTIAL_SUFFIX);
    this.channel =
        FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw target.classify(e, "writing " + file.getFileName());
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw target.classify(e, "writing " + file.getFileName());
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw target.classify(e, "writing " + file.getFileName());
    }
  }

  @Override
  public void commit() throws IOException {
    if (done) {
      throw new IllegalStateException("upload already finished: " + file);
    }
    try {
      out.flush();
      channel.force(false); // fdatasync: the data and the size, all a rename needs
      channel.close();
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      forceDirectory(file.getParent());
    } catch (IOException e) {
      abort();
      throw target.classify(e, "writing " + file.getFileName());
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing {}: {}", temporary, e.toString());
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      log.warn("could not remove temporary file {}: {}", temporary, e.toString());
    }
  }

  @Override
  public void close() {
    abort();
  }
}
