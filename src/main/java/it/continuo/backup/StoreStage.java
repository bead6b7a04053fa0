package it.continuo.backup;

import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveWriter;
import it.continuo.io.Sha256;
import it.continuo.manifest.ManifestEntry;
import it.continuo.progress.Progress;
import it.continuo.tree.FileInfo;
import it.continuo.tree.FileStat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The thread that writes the archive: directories, links and the content of every file to store, in
 * the order the walk decided them (tree order). Reading a file, hashing it and handing it to the
 * compressor happen here, so that the walk and the manifest go on meanwhile. After a failure every
 * later file's entry fails with it, and nothing more is written.
 */
final class StoreStage implements AutoCloseable {
  private static final int BUFFER = 256 * 1024;

  private static final int QUEUED = 1024;

  private final String run;
  private final ArchiveWriter archive;
  private final Problems problems;
  private final Progress progress;
  private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Thread thread;
  private final byte[] buffer = new byte[BUFFER];
  private final ByteBuffer window = ByteBuffer.wrap(buffer);
  private final MessageDigest fileDigest = Sha256.newDigest(); // one per thread, reused
  private volatile long bytesRead;
  private Throwable failure;

  /** A piece of archive work; {@link #fail} is called instead of {@link #run} after a failure. */
  private abstract static class Task {
    abstract void run() throws IOException;

    void fail(Throwable t) {}
  }

  StoreStage(String run, ArchiveWriter archive, Problems problems, Progress progress) {
    this.run = run;
    this.archive = archive;
    this.problems = problems;
    this.progress = progress;
    this.thread = new Thread(this::work, "store");
    thread.setDaemon(true);
    thread.start();
  }

  private void work() {
    Sha256.warmUpInBackground();
    while (true) {
      Task task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (failure != null) {
        task.fail(failure);
        continue;
      }
      try {
        task.run();
      } catch (Throwable t) {
        failure = t;
        task.fail(t);
      }
    }
  }

  private void submit(Task task) throws IOException {
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  void directory(ManifestEntry e) throws IOException {
    submit(
        new Task() {
          @Override
          void run() throws IOException {
            archive.directory(e);
          }
        });
  }

  void symlink(ManifestEntry e) throws IOException {
    submit(
        new Task() {
          @Override
          void run() throws IOException {
            archive.symlink(e);
          }
        });
  }

  void hardlink(ManifestEntry e) throws IOException {
    submit(
        new Task() {
          @Override
          void run() throws IOException {
            archive.hardlink(e);
          }
        });
  }

  /** Queues a file to be read into the archive; the future completes with its manifest entry. */
  CompletableFuture<ManifestEntry> store(FileInfo f, ManifestEntry base) throws IOException {
    CompletableFuture<ManifestEntry> result = new CompletableFuture<>();
    submit(
        new Task() {
          @Override
          void run() throws IOException {
            result.complete(read(f, base));
          }

          @Override
          void fail(Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return result;
  }

  /** Ends the archive once everything queued is written. */
  ArchiveDigest finish() throws IOException {
    CompletableFuture<ArchiveDigest> digest = new CompletableFuture<>();
    submit(
        new Task() {
          @Override
          void run() throws IOException {
            digest.complete(archive.finish());
          }

          @Override
          void fail(Throwable t) {
            digest.completeExceptionally(t);
          }
        });
    return Slot.await(digest);
  }

  long bytesRead() {
    return bytesRead;
  }

  /**
   * Reads a file into the archive; what was read is what is hashed and stored. Returns null when
   * the file was deleted after the walk saw it: it is then simply not part of this point.
   */
  private ManifestEntry read(FileInfo f, ManifestEntry e) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(f.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException ex) {
      problems.note("deleted while the backup ran, left out: " + f.path());
      return null;
    } catch (IOException ex) {
      String reason = reason(ex);
      problems.unreadable(f.path(), reason);
      return e.withError(reason);
    }
    long size = f.size();
    fileDigest.reset(); // a file that failed half-way left its bytes in it
    String readError = null;
    long copied = 0;
    boolean changed = false;
    archive.beginFile(e, size);
    try (channel) {
      while (copied < size) {
        window.clear().limit((int) Math.min(BUFFER, size - copied));
        int n;
        try {
          n = channel.read(window);
        } catch (IOException ex) {
          readError = "read error after " + copied + " bytes: " + reason(ex);
          break;
        }
        if (n < 0) {
          changed = true; // shrank while read
          break;
        }
        progress.checkCancelled();
        fileDigest.update(buffer, 0, n);
        archive.write(buffer, 0, n);
        copied += n;
        progress.read(n);
      }
      if (copied < size) {
        pad(size - copied);
      } else if (readError == null) {
        window.clear().limit(1);
        changed |= channel.read(window) > 0; // grew while read
      }
    }
    archive.endFile();
    bytesRead += copied;
    progress.written(archive.bytesWritten());
    if (readError != null) {
      problems.unreadable(f.path(), readError);
      return e.withError(readError);
    }
    changed |= changedSince(f);
    if (changed) {
      problems.changedWhileRead(f.path());
    }
    return e.withContent(Sha256.hex(fileDigest), run, size, changed);
  }

  private void pad(long count) throws IOException {
    Arrays.fill(buffer, (byte) 0);
    while (count > 0) {
      int n = (int) Math.min(BUFFER, count);
      fileDigest.update(buffer, 0, n);
      archive.write(buffer, 0, n);
      count -= n;
    }
  }

  private static boolean changedSince(FileInfo before) {
    try {
      FileInfo after = FileStat.lstat(before.file(), before.path());
      return after.size() != before.size()
          || !after.mtime().equals(before.mtime())
          || !after.ctime().equals(before.ctime())
          || after.inode() != before.inode();
    } catch (IOException e) {
      return true; // deleted or replaced while read
    }
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "deleted while the backup ran";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** Stops the thread; what is still queued is dropped (the run is being aborted). */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
