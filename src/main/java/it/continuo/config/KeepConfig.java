package it.continuo.config;

/**
 * A job's {@code keep} rule: which restore points retention keeps. A count of 0 is a rule not
 * given. {@code fulls} keeps the chains of the newest N fulls; {@code daily}, {@code weekly} and
 * {@code monthly} keep the newest point of each of the last D days, W ISO weeks and M months (in
 * the agent's time zone) that have one. Rules add up: a point kept by any rule is kept, with
 * everything it needs.
 *
 * @param fulls chains to keep, counting from the newest full
 * @param daily days to keep a point of
 * @param weekly weeks to keep a point of
 * @param monthly months to keep a point of
 */
public record KeepConfig(int fulls, int daily, int weekly, int monthly) {
  /** No rule: every point is kept and nothing is ever pruned. */
  public static final KeepConfig ALL = new KeepConfig(0, 0, 0, 0);

  /** True when no rule is given, so nothing may be deleted. */
  public boolean keepsAll() {
    return fulls == 0 && daily == 0 && weekly == 0 && monthly == 0;
  }
}
