package it.continuo.storage;

/**
 * The object is stored encrypted and no private key was given to read it. Listing and backing up
 * never need the key; reading what a run holds does.
 */
public class KeyRequiredException extends TargetException {
  public KeyRequiredException(String message) {
    super(Kind.PERMANENT, message);
  }

  /** For {@code key} on {@code target}, saying how to give the key. */
  public KeyRequiredException(String target, String key) {
    this(
        "the objects on target "
            + target
            + " are encrypted ("
            + key
            + "); give the private key to read them (--key FILE, or decryptKey in the"
            + " configuration)");
  }
}
