package it.continuo.storage.s3;

import it.continuo.storage.TargetException;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One object being written: part buffers filled by the writer and sent by background threads, at
 * most {@code parallelParts} at once. See the package description for memory, checksums and resume.
 */
final class S3Upload extends Upload {
  /** The first buffer's size: small objects (manifests, reports) never take a whole part. */
  private static final int FIRST_BUFFER = 256 * 1024;

  /** S3's limit on the parts of one object. */
  static final int MAX_PARTS = 10_000;

  private enum State {
    OPEN,
    COMMITTED,
    ABORTED,
    /** {@link S3Target#resume} continued it in another upload; closing it does nothing. */
    HANDED_OVER
  }

  /** A part that is not acknowledged: sent again by the upload that resumes this one. */
  record Pending(int number, byte[] bytes, int length) {}

  /**
   * What a resumed upload takes over: the multipart upload, its acknowledged parts, the parts that
   * failed (with their bytes), the buffer being filled and the next part's number.
   */
  record Handover(
      String uploadId,
      PartLedger parts,
      java.util.List<Pending> failed,
      byte[] buffer,
      int filled,
      int nextPart,
      long written) {}

  private final S3Target target;
  private final Bucket bucket;
  private final Executor executor;
  private final String key;
  private final String objectKey;
  private final int partSize;
  private final int parallelParts;
  private final PartLedger ledger;

  private String uploadId;
  private int nextPart;
  private byte[] buffer;
  private int filled;

  /** Bytes accepted so far: all of them are either acknowledged or still held here. */
  private long written;

  private State state = State.OPEN;

  // Shared with the part threads, guarded by lock.
  private final Object lock = new Object();
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private int running;
  private int peakRunning;
  private int allocated;
  private TargetException failure;

  /** Parts whose upload failed, kept with their bytes for the resumed upload. */
  private final java.util.List<Pending> failedParts = new java.util.ArrayList<>();

  /** A new upload. */
  S3Upload(S3Target target, String key, String objectKey) {
    this.target = target;
    this.bucket = target.bucket();
    this.executor = target.partSender();
    this.key = key;
    this.objectKey = objectKey;
    this.partSize = target.partSize();
    this.parallelParts = target.parallelParts();
    this.ledger = new PartLedger();
    this.nextPart = 1;
    this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
    this.allocated = 1;
  }

  /**
   * The continuation of an interrupted upload: the same multipart upload, with the interrupted
   * one's unacknowledged parts to send again ({@link #resendFailed}) and its buffer to fill on.
   */
  S3Upload(S3Target target, String key, String objectKey, Handover h) {
    this.target = target;
    this.bucket = target.bucket();
    this.executor = target.partSender();
    this.key = key;
    this.objectKey = objectKey;
    this.partSize = target.partSize();
    this.parallelParts = target.parallelParts();
    this.uploadId = h.uploadId();
    this.ledger = h.parts();
    this.nextPart = h.nextPart();
    this.buffer = h.buffer();
    this.filled = h.filled();
    this.written = h.written();
    this.failedParts.addAll(h.failed());
    this.allocated = 1 + h.failed().size();
  }

  @Override
  public String key() {
    return key;
  }

  boolean of(S3Target t) {
    return target == t;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkWritable();
    while (len > 0) {
      if (filled == buffer.length) {
        if (buffer.length < partSize) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, partSize));
        } else {
          sendPart();
        }
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      written += n;
      off += n;
      len -= n;
    }
  }

  /** Hands the full buffer to a part thread once fewer than parallelParts are in flight. */
  private void sendPart() throws IOException {
    if (nextPart > MAX_PARTS) {
      remember(
          () -> {
            throw bucket
                .errors()
                .permanent(
                    objectKey
                        + " is larger than S3's limit of "
                        + MAX_PARTS
                        + " parts of "
                        + (partSize >> 20)
                        + " MiB; raise partSize");
          });
    }
    if (uploadId == null) {
      uploadId = remember(() -> bucket.startMultipart(objectKey));
    }
    byte[] part = buffer;
    int length = filled;
    int number = nextPart;
    submit(number, part, length);
    synchronized (lock) {
      // running <= parallelParts parts hold a buffer each, so a spare one exists or may be made
      buffer = spare.poll();
      if (buffer == null) {
        buffer = new byte[partSize];
        allocated++;
      }
    }
    nextPart++;
    filled = 0;
  }

  /** Sends one part on a part thread once fewer than parallelParts are in flight. */
  private void submit(int number, byte[] part, int length) throws IOException {
    String id = uploadId;
    synchronized (lock) {
      while (running >= parallelParts && failure == null) {
        waitOnLock();
      }
      throwIfFailed();
      running++;
      peakRunning = Math.max(peakRunning, running);
    }
    try {
      executor.execute(() -> send(id, number, part, length));
    } catch (RejectedExecutionException e) {
      finished(number, part, length, bucket.errors().permanent("the target is closed"));
      synchronized (lock) {
        throwIfFailed();
      }
    }
  }

  /** Sends again the parts that failed in the upload this one resumes. */
  void resendFailed() throws IOException {
    java.util.List<Pending> again;
    synchronized (lock) {
      again = new java.util.ArrayList<>(failedParts);
      failedParts.clear();
    }
    for (Pending p : again) {
      submit(p.number(), p.bytes(), p.length());
    }
  }

  private void send(String id, int number, byte[] part, int length) {
    TargetException error = null;
    try {
      ledger.acknowledge(bucket.uploadPart(objectKey, id, number, part, length));
    } catch (TargetException e) {
      error = e;
    } catch (RuntimeException e) {
      error = bucket.errors().classify(e, "uploading part " + number + " of " + objectKey);
    }
    finished(number, part, length, error);
  }

  private void finished(int number, byte[] part, int length, TargetException error) {
    synchronized (lock) {
      running--;
      if (error == null) {
        spare.push(part);
      } else {
        failedParts.add(new Pending(number, part, length)); // kept to be sent again
        if (failure == null) {
          failure = error;
        }
      }
      lock.notifyAll();
    }
  }

  @Override
  public boolean resumable() {
    return true;
  }

  /**
   * Every byte written: each is acknowledged by S3 or still held by this upload (in a part in
   * flight, a failed part or the buffer), and {@link S3Target#resume} hands all of those to the
   * continuation. So the retry wrapper never keeps a second copy of them.
   */
  @Override
  public long durable() {
    return written;
  }

  @Override
  public void flush() throws IOException {
    checkWritable(); // a part is sent when full; until then the bytes wait in memory
  }

  @Override
  public void commit() throws IOException {
    checkWritable();
    if (uploadId == null) {
      remember(
          () -> {
            bucket.put(objectKey, buffer, filled);
            return null;
          });
    } else {
      if (filled > 0) {
        sendPart();
      }
      awaitParts();
      synchronized (lock) {
        throwIfFailed();
      }
      remember(
          () -> {
            bucket.complete(objectKey, uploadId, ledger.upTo(nextPart - 1));
            return null;
          });
    }
    state = State.COMMITTED;
    release();
  }

  /** Stops this upload and says what a continuation takes over (see {@link S3Target#resume}). */
  Handover handOver() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("upload of " + key + " is already " + state);
    }
    state = State.HANDED_OVER;
    awaitParts(); // no part of this upload may land after the continuation resends it
    Handover h;
    synchronized (lock) {
      h =
          new Handover(
              uploadId,
              ledger,
              java.util.List.copyOf(failedParts),
              buffer,
              filled,
              nextPart,
              written);
      failedParts.clear();
      spare.clear();
    }
    buffer = null;
    return h;
  }

  @Override
  public void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    boolean interrupted = false;
    synchronized (lock) {
      while (running > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (uploadId != null) {
      bucket.abortQuietly(objectKey, uploadId);
    }
    release();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    abort();
  }

  /** Bytes in the unbroken run of parts S3 acknowledged from part 1, for tests. */
  long acknowledged() {
    return (long) ledger.leadingRun() * partSize;
  }

  /** The most parts that were in flight at once, for tests. */
  int peakPartsInFlight() {
    synchronized (lock) {
      return peakRunning;
    }
  }

  /** How many part buffers this upload allocated, for tests. */
  int buffersAllocated() {
    synchronized (lock) {
      return allocated;
    }
  }

  private void checkWritable() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("upload of " + key + " is already " + state);
    }
    synchronized (lock) {
      throwIfFailed();
    }
  }

  private void awaitParts() throws InterruptedIOException {
    synchronized (lock) {
      while (running > 0) {
        waitOnLock();
      }
    }
  }

  private void waitOnLock() throws InterruptedIOException {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while uploading " + objectKey);
    }
  }

  private void throwIfFailed() throws TargetException {
    if (failure != null) {
      // a new exception each time, so each stack trace shows who hit the failure
      throw new TargetException(failure.kind(), failure.getMessage(), failure);
    }
  }

  private interface Call<T> {
    T run() throws TargetException;
  }

  /** Runs a call on the writer's thread; a failure breaks the upload like a failed part. */
  private <T> T remember(Call<T> call) throws TargetException {
    try {
      return call.run();
    } catch (TargetException e) {
      synchronized (lock) {
        if (failure == null) {
          failure = e;
        }
      }
      throw e;
    }
  }

  private void release() {
    buffer = null;
    synchronized (lock) {
      spare.clear();
    }
  }
}
