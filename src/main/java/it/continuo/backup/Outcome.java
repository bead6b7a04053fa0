package it.continuo.backup;

/** How a run ended, with the exit code the CLI gives it. */
public enum Outcome {
  SUCCESS(0, "success"),
  PARTIAL(3, "partial"),
  FAILED(1, "failed");

  private final int exitCode;
  private final String word;

  Outcome(int exitCode, String word) {
    this.exitCode = exitCode;
    this.word = word;
  }

  public int exitCode() {
    return exitCode;
  }

  public String word() {
    return word;
  }
}
