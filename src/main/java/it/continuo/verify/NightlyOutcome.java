package it.continuo.verify;

import it.continuo.catalog.Verification;
import it.continuo.history.NightlyCheck;
import java.util.List;

/**
 * A nightly check and the verifications of the runs it read back, which the history records too.
 *
 * @param check the check
 * @param verifications each run read back, oldest first; empty when the target could not be read
 */
public record NightlyOutcome(NightlyCheck check, List<Verification> verifications) {}
