package it.continuo.storage;

/**
 * The object is stored encrypted and no private key was given to read it. Listing and backing up
 * never need the key; reading what a run holds does.
 */
public class KeyRequiredException extends TargetException {
  public KeyRequiredException(String message) {
    super(Kind.PERMANENT, message);
  }
}
