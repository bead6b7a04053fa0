package it.continuo.verify;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.Verification;
import it.continuo.storage.ObjectInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the target stores it: its point and the bytes its archive and manifest take there.
 *
 * @param point the run as listed, with its last recorded verification
 * @param archiveBytes the archive's size as stored, 0 when it is missing
 * @param manifestBytes the manifest's size as stored
 */
record StoredRun(RestorePoint point, long archiveBytes, long manifestBytes) {

  long bytes() {
    return archiveBytes + manifestBytes;
  }

  String run() {
    return point.run();
  }

  /** The last recorded verification, or null. */
  Verification verification() {
    return point.verification();
  }

  /** The runs of {@code points}, with their sizes from one listing of the job's objects. */
  static List<StoredRun> of(JobStore store, List<RestorePoint> points) throws IOException {
    Map<String, Long> sizes = new HashMap<>();
    for (ObjectInfo o : store.target().list(store.prefix())) {
      sizes.put(o.name(), o.size());
    }
    List<StoredRun> runs = new ArrayList<>();
    for (RestorePoint p : points) {
      String archive = p.footer() != null ? p.footer().archive() : store.archiveName(p.id());
      runs.add(new StoredRun(p, sizes.getOrDefault(archive, 0L), p.manifestSize()));
    }
    return runs;
  }
}
