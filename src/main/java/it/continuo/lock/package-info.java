/**
 * One run per job at a time: {@link it.continuo.lock.JobLock} is an advisory lock on a file under
 * the agent's data directory.
 *
 * <p>The operating system releases the lock when its process ends, however it ends, so a run killed
 * by SIGKILL or a power cut never blocks the next one; the next run finds the dead holder's note in
 * the file and reports the interrupted run. A second run while the first is alive fails at once, it
 * never waits.
 */
package it.continuo.lock;
