package it.continuo.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** The parts of one multipart upload that S3 acknowledged, by part number; thread-safe. */
final class PartLedger {
  private final TreeMap<Integer, CompletedPart> parts = new TreeMap<>();

  synchronized void acknowledge(CompletedPart part) {
    parts.put(part.partNumber(), part);
  }

  /** How many parts, from part 1 on and without a gap, S3 acknowledged. */
  synchronized int leadingRun() {
    int n = 0;
    while (parts.containsKey(n + 1)) {
      n++;
    }
    return n;
  }

  /** Parts 1 to {@code last}, for CompleteMultipartUpload; all of them must be acknowledged. */
  synchronized List<CompletedPart> upTo(int last) {
    if (leadingRun() < last) {
      throw new IllegalStateException("part " + (leadingRun() + 1) + " was not acknowledged");
    }
    return new ArrayList<>(parts.headMap(last, true).values());
  }
}
