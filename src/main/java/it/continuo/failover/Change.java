package it.continuo.failover;

/**
 * One line of a plan: what a step would do.
 *
 * @param kind whether it is a change, a fact looked up, or a reason the step would refuse
 * @param text e.g. {@code uno.lab.test A 127.0.0.2 → 127.0.0.3 (TTL 60 s)}
 */
public record Change(Kind kind, String text) {

  /** What a plan line is. */
  public enum Kind {
    /** Something the step would change. */
    CHANGE,
    /** Something the step found out or would check, changing nothing. */
    NOTE,
    /** A precondition that already fails: the step would refuse or fail. */
    REFUSAL
  }

  public static Change change(String text) {
    return new Change(Kind.CHANGE, text);
  }

  public static Change note(String text) {
    return new Change(Kind.NOTE, text);
  }

  public static Change refusal(String text) {
    return new Change(Kind.REFUSAL, text);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CHANGE -> "change: " + text;
      case NOTE -> "note: " + text;
      case REFUSAL -> "REFUSED: " + text;
    };
  }
}
