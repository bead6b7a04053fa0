package it.continuo.cli;

/** A command was asked for something it cannot do as asked (exit 2). */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
