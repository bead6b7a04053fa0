package it.continuo.schedule;

import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's threads, made when a trigger fires and ended a minute after their last fire. Quartz's
 * own pool keeps every thread waking twice a second; a daemon that waits all day for 21:00 should
 * not. Quartz makes it from its properties and sets {@link #setThreadCount}.
 */
public final class OnDemandThreads implements ThreadPool {
  private int threadCount = 4;
  private Semaphore free;
  private ThreadPoolExecutor executor;
  private String name = "continuo";

  public void setThreadCount(int threadCount) {
    this.threadCount = threadCount;
  }

  @Override
  public void initialize() {
    free = new Semaphore(threadCount);
    AtomicInteger n = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            0,
            threadCount,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-fire-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public boolean runInThread(Runnable runnable) {
    if (!free.tryAcquire()) {
      return false;
    }
    try {
      executor.execute(
          () -> {
            try {
              runnable.run();
            } finally {
              free.release();
            }
          });
      return true;
    } catch (RuntimeException e) {
      free.release();
      return false;
    }
  }

  @Override
  public int blockForAvailableThreads() {
    try {
      free.acquire();
      free.release();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return free.availablePermits();
  }

  @Override
  public void shutdown(boolean waitForJobsToComplete) {
    executor.shutdown();
    if (waitForJobsToComplete) {
      try {
        executor.awaitTermination(1, TimeUnit.HOURS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int getPoolSize() {
    return threadCount;
  }

  @Override
  public void setInstanceId(String id) {}

  @Override
  public void setInstanceName(String name) {
    this.name = name;
  }
}
