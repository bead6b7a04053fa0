package it.continuo.testing;

/** What a CLI invocation printed and returned. */
public record CliResult(int exitCode, String out, String err) {
  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
