package it.continuo.storage;

/** The object asked for does not exist on the target. */
public class ObjectNotFoundException extends TargetException {
  public ObjectNotFoundException(String message) {
    super(Kind.NOT_FOUND, message);
  }

  public ObjectNotFoundException(String message, Throwable cause) {
    super(Kind.NOT_FOUND, message, cause);
  }
}
