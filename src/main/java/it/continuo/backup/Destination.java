package it.continuo.backup;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target of a run, and how the run fares there. A destination that fails is dropped from the
 * run (its uploads aborted, nothing committed) while the others go on; the failure is kept for the
 * run's result.
 */
final class Destination {
  private static final Logger log = LoggerFactory.getLogger(Destination.class);

  final String name;
  final boolean cache;

  /** Its objects are encrypted: the agent cannot read its manifests back. */
  boolean encrypted;

  Target target;
  JobStore store;
  List<RestorePoint> points = List.of();
  Upload archive;
  Upload manifest;
  long stored;
  private volatile String failure;

  /**
   * @param cache true for the agent's local copy of manifests, which is written like a target but
   *     whose failure never fails the run
   */
  Destination(String name, boolean cache) {
    this.name = name;
    this.cache = cache;
  }

  boolean failed() {
    return failure != null;
  }

  String failure() {
    return failure;
  }

  /** Marks the destination failed; the first reason stays. */
  void fail(String why) {
    if (failure == null) {
      failure = why;
      if (cache) {
        log.warn("local manifest cache: {}", why);
      } else {
        log.warn("target {} dropped from the run: {}", name, why);
      }
    }
  }

  /** Aborts the uploads and forgets them, so that the run can start again on this destination. */
  void discardUploads() {
    abortUploads();
    archive = null;
    manifest = null;
  }

  /** Aborts what is not committed, without failing. */
  void abortUploads() {
    if (archive != null) {
      archive.close();
    }
    if (manifest != null) {
      manifest.close();
    }
  }
}
