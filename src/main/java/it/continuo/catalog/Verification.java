package it.continuo.catalog;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of verifying one run, stored beside it as {@code <run>.verify.json}.
 *
 * @param run the run verified
 * @param at when the verification ended
 * @param ok true when nothing was wrong
 * @param entriesChecked archive entries whose content was hashed and compared
 * @param bytesChecked content bytes hashed
 * @param problems what was wrong, one line each, naming the file where there is one
 * @param damagedCount how many files of this point cannot be restored as they were
 * @param damagedFiles the first of them (at most 1000), with why
 */
public record Verification(
    String run,
    Instant at,
    boolean ok,
    long entriesChecked,
    long bytesChecked,
    List<String> problems,
    long damagedCount,
    List<DamagedFile> damagedFiles) {

  /** True when every damaged file is listed, so the list can be used as the whole set. */
  public boolean complete() {
    return damagedCount == damagedFiles.size();
  }
}
