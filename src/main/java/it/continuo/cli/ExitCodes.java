package it.continuo.cli;

/** The process exit codes, part of the CLI's contract (README, "Exit codes"). */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int PARTIAL = 3;
  static final int LOCKED = 11;

  private ExitCodes() {}
}
