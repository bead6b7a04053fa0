package it.continuo.storage.sftp;

import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one thread on which an upload uses its channel, whichever thread writes or commits the
 * upload.
 *
 * <p>JSch hands a channel's replies to its reader through a {@link java.io.PipedInputStream}, which
 * refuses them once the last thread that read from it has ended, and JSch then closes the channel.
 * A backup writes its archive from the store thread and commits it from the run's thread once the
 * store thread has ended: a reply that arrived before the committing thread started to wait for it
 * closed the channel, and the commit failed with "Pipe closed" (on loopback, about one incremental
 * backup in two, each then resumed after a pause). Here every call on the channel runs on a thread
 * that lives as long as the upload.
 */
final class ChannelThread implements AutoCloseable {
  /** A call on the channel. */
  interface Call<T> {
    T run() throws IOException, SftpException;
  }

  /** A call on the channel that returns nothing. */
  interface Action {
    void run() throws IOException, SftpException;
  }

  private final ExecutorService executor;
  private volatile Thread worker; // made by the executor with the first call

  ChannelThread(String name) {
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              worker = t;
              return t;
            });
  }

  /**
   * Runs {@code call} on this thread and waits for it. An interrupt of the waiting thread is passed
   * on to the call, as if it ran on the waiting thread, and kept for the waiting thread.
   */
  <T> T call(Call<T> call) throws IOException, SftpException {
    Future<T> future;
    try {
      future = executor.submit(call::run);
    } catch (RejectedExecutionException e) {
      throw new IOException("the upload is closed", e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
          Thread t = worker;
          if (t != null) {
            t.interrupt();
          }
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs {@code action} on this thread and waits for it. */
  void perform(Action action) throws IOException, SftpException {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  private static IOException rethrow(Throwable cause) throws SftpException {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof SftpException sftp) {
      throw sftp;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }

  /** Lets the thread end once the call it may be running returns. */
  @Override
  public void close() {
    executor.shutdown();
  }
}
