package it.continuo.catalog;

/** A file of a restore point that cannot be restored as it was, and why. */
public record DamagedFile(String path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
