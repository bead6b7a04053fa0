package it.continuo.config;

/** A {@code targets} entry: where runs are stored. */
public sealed interface TargetConfig permits LocalTargetConfig, SftpTargetConfig, S3TargetConfig {
  String name();

  /** The {@code type} key's value. */
  String type();

  /** Encryption, bandwidth limit and retries around the target. */
  TargetOptions options();
}
