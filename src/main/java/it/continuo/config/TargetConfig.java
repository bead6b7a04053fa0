package it.continuo.config;

/** A {@code targets} entry: where runs are stored. */
public sealed interface TargetConfig permits LocalTargetConfig {
  String name();

  /** The {@code type} key's value. */
  String type();
}
