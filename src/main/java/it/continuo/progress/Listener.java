package it.continuo.progress;

/** What an engine tells the person or service that started it, as it happens. */
public interface Listener {
  /** Something the operator should know about, such as an unreadable file; the run goes on. */
  default void warning(String message) {}

  /** A note, such as a skipped socket or a line of hook output. */
  default void note(String message) {}

  Listener NONE = new Listener() {};
}
