package it.continuo.config;

/** A value read through a reference; it never appears in logs, output or {@link #toString()}. */
public final class Secret {
  private final String reference;
  private final String value;

  Secret(String reference, String value) {
    this.reference = reference;
    this.value = value;
  }

  /** The secret itself, for the one place that needs it. */
  public String reveal() {
    return value;
  }

  /** Where it comes from, e.g. {@code ${file:/etc/continuo/s3.secret}}; safe to print. */
  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    return reference;
  }
}
