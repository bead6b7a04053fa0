package it.continuo.retention;

import it.continuo.catalog.JobStore;
import it.continuo.catalog.RunId;
import it.continuo.storage.ObjectInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects of each run in a job's listing: how many bytes they take, which have a record. */
final class RunObjects {
  private static final List<String> SUFFIXES =
      List.of(JobStore.MANIFEST_SUFFIX, JobStore.VERIFY_SUFFIX, JobStore.ARCHIVE_SUFFIX);

  private final Map<String, Long> bytes = new HashMap<>();
  private final Set<String> verified = new HashSet<>();

  RunObjects(List<ObjectInfo> objects) {
    for (ObjectInfo o : objects) {
      for (String suffix : SUFFIXES) {
        String name = o.name();
        if (name.endsWith(suffix)) {
          String run = name.substring(0, name.length() - suffix.length());
          bytes.merge(run, o.size(), Long::sum);
          if (suffix.equals(JobStore.VERIFY_SUFFIX)) {
            verified.add(run);
          }
        }
      }
    }
  }

  /** The keys of a run's objects, in the order to delete them: the manifest first. */
  static List<String> keys(JobStore store, RunId run) {
    return SUFFIXES.stream().map(s -> store.prefix() + run + s).toList();
  }

  long bytes(RunId run) {
    return bytes.getOrDefault(run.toString(), 0L);
  }

  boolean hasVerification(String run) {
    return verified.contains(run);
  }
}
