package it.continuo.storage.crypt;

import it.continuo.storage.TargetException;

/** An encrypted object was asked for, but no private key was given to decrypt it. */
public class KeyRequiredException extends TargetException {
  KeyRequiredException(String target, String key) {
    super(
        Kind.PERMANENT,
        "the objects on target "
            + target
            + " are encrypted ("
            + key
            + "); give the private key to read them (--key FILE, or decryptKey in the"
            + " configuration)");
  }
}
