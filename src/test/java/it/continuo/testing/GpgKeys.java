package it.continuo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * OpenPGP keys made by the real gpg in a private {@code GNUPGHOME}, once per test JVM: a cv25519
 * key (gpg's default), an RSA 3072 key (an RSA encryption subkey under an RSA signing key), a
 * second cv25519 key that nothing is encrypted to, a key that can only sign, and a cv25519 key
 * protected by the passphrase {@link #PASSPHRASE}. Each is exported as an armored public key and a
 * binary secret key. The home and its agent go away when the JVM exits.
 */
public final class GpgKeys {
  public static final String PASSPHRASE = "correct horse";

  /** The exported files of one key. */
  public record Key(String email, Path publicKey, Path secretKey) {}

  private static GpgKeys instance;

  public final Path home;
  public final Key cv25519;
  public final Key rsa;
  public final Key other;
  public final Key signOnly;
  public final Key withPassphrase;

  private GpgKeys(Path home) throws IOException, InterruptedException {
    this.home = home;
    cv25519 = make("cv@example.org", "default default", null, "");
    rsa = make("rsa@example.org", "rsa3072 sign", "rsa3072 encr", "");
    other = make("other@example.org", "default default", null, "");
    signOnly = make("sign@example.org", "ed25519 sign", null, "");
    withPassphrase = make("pass@example.org", "default default", null, PASSPHRASE);
  }

  /** The keys, made on first use. */
  public static synchronized GpgKeys get() throws IOException, InterruptedException {
    if (instance == null) {
      Path home = Files.createTempDirectory("continuo-gnupg");
      Files.setPosixFilePermissions(
          home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(home)));
      instance = new GpgKeys(home);
    }
    return instance;
  }

  /** Runs a gpg command line (after "gpg --batch") with this home; fails unless it exits 0. */
  public CliResult gpg(String arguments) throws IOException, InterruptedException {
    return Shell.bashOk(
        "GNUPGHOME=" + Shell.quote(home) + " gpg --batch --no-tty " + arguments, 120);
  }

  private Key make(String email, String algoAndUsage, String subkey, String passphrase)
      throws IOException, InterruptedException {
    String uid = Shell.quote("Continuo Test <" + email + ">");
    String unlock = "--pinentry-mode loopback --passphrase " + Shell.quote(passphrase);
    gpg(unlock + " --quick-gen-key " + uid + " " + algoAndUsage + " never");
    if (subkey != null) {
      String fpr =
          gpg("--with-colons --list-keys "
                  + Shell.quote(email)
                  + " | awk -F: '/^fpr/{print $10; exit}'")
              .out()
              .strip();
      gpg(unlock + " --quick-add-key " + fpr + " " + subkey + " never");
    }
    Path pub = home.resolve(email + ".pub.asc");
    Path sec = home.resolve(email + ".sec.gpg");
    gpg("--armor --export " + Shell.quote(email) + " > " + Shell.quote(pub));
    gpg(unlock + " --export-secret-keys " + Shell.quote(email) + " > " + Shell.quote(sec));
    return new Key(email, pub, sec);
  }

  private static void remove(Path home) {
    try {
      Shell.bash("GNUPGHOME=" + Shell.quote(home) + " gpgconf --kill gpg-agent", 10);
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    } catch (IOException | InterruptedException e) {
      // best effort at exit
    }
  }
}
