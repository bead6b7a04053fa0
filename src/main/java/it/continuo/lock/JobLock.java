package it.continuo.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock of one job, held for the length of a run. The file keeps a one-line note of the holder
 * ("pid 1234 since 2026-11-25T22:00:00Z run 20261125T220000Z-I"), emptied on a clean release; a
 * note found when acquiring is what a run that died left behind.
 */
public final class JobLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final String previousHolder;

  private JobLock(Path file, FileChannel channel, FileLock lock, String previousHolder) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.previousHolder = previousHolder;
  }

  /**
   * Takes the lock of {@code job} under {@code dataDir}/locks, or fails at once.
   *
   * @throws LockHeldException when another live run holds it
   */
  public static JobLock acquire(Path dataDir, String job, String purpose) throws IOException {
    Path dir = dataDir.resolve("locks");
    Files.createDirectories(dir);
    Path file = dir.resolve(job + ".lock");
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process (the daemon running the job already)
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = read(channel);
      channel.close();
      throw new LockHeldException(
          "job "
              + job
              + " is already running"
              + (holder.isEmpty() ? "" : " (" + holder + ")")
              + "; lock file "
              + file);
    }
    String previous = read(channel);
    String note =
        "pid " + ProcessHandle.current().pid() + " since " + Instant.now() + " " + purpose + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(note.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
    return new JobLock(file, channel, lock, previous);
  }

  /**
   * True when a live process holds the lock {@code name} under {@code dataDir}; the lock file is
   * neither created nor changed.
   */
  public static boolean isHeld(Path dataDir, String name) throws IOException {
    Path file = dataDir.resolve("locks").resolve(name + ".lock");
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very process holds it
    }
  }

  /**
   * The process that holds the lock {@code name} under {@code dataDir}, from the note it wrote,
   * when the lock is held by a live process.
   */
  public static Optional<ProcessHandle> holder(Path dataDir, String name) throws IOException {
    if (!isHeld(dataDir, name)) {
      return Optional.empty();
    }
    String note =
        Files.readString(dataDir.resolve("locks").resolve(name + ".lock"), StandardCharsets.UTF_8);
    java.util.regex.Matcher m = HOLDER_PID.matcher(note);
    return m.find()
        ? ProcessHandle.of(Long.parseLong(m.group(1))).filter(ProcessHandle::isAlive)
        : Optional.empty();
  }

  private static final java.util.regex.Pattern HOLDER_PID =
      java.util.regex.Pattern.compile("^pid (\\d+) ");

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
  }

  /**
   * The note of a holder that died without releasing the lock (killed, power lost), if any: the run
   * it describes was interrupted.
   */
  public Optional<String> interruptedHolder() {
    return previousHolder.isEmpty() ? Optional.empty() : Optional.of(previousHolder);
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.truncate(0);
      lock.release();
    } finally {
      channel.close();
    }
  }
}
