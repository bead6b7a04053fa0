package it.continuo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The private key that reads an encrypted target, given on the command line only when needed (the
 * agent itself never holds it). Without it, the target's {@code decryptKey} is used.
 */
final class KeyOptions {
  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "OpenPGP private key to read an encrypted target (default: the target's decryptKey).")
  Path key;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "File whose first line is the private key's passphrase.")
  Path passphraseFile;

  /** The passphrase, or null when none was given. */
  String passphrase() throws IOException {
    if (passphraseFile == null) {
      return null;
    }
    String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
