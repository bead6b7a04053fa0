package it.continuo.storage;

/** Validation of object keys, shared by every target. */
public final class Keys {
  private Keys() {}

  /**
   * Checks that a key is relative, '/'-separated and free of "." and ".." segments.
   *
   * @throws TargetException (permanent) otherwise
   */
  public static String check(String key) throws TargetException {
    boolean ok = key != null && !key.isEmpty() && !key.startsWith("/") && key.indexOf('\0') < 0;
    if (ok) {
      for (String segment : key.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw new TargetException(
          TargetException.Kind.PERMANENT, "invalid object key \"" + key + "\"");
    }
    return key;
  }
}
