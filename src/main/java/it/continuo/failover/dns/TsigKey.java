package it.continuo.failover.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key: its name, its HMAC algorithm as BIND spells it ({@code hmac-sha256}) and its secret.
 * {@link #toString()} never shows the secret.
 */
public record TsigKey(String name, String algorithm, byte[] secret) {
  private static final Map<String, Name> ALGORITHMS =
      Map.of(
          "hmac-md5", TSIG.HMAC_MD5,
          "hmac-sha1", TSIG.HMAC_SHA1,
          "hmac-sha224", TSIG.HMAC_SHA224,
          "hmac-sha256", TSIG.HMAC_SHA256,
          "hmac-sha384", TSIG.HMAC_SHA384,
          "hmac-sha512", TSIG.HMAC_SHA512);

  private static final Pattern COMMENTS =
      Pattern.compile("/\\*.*?\\*/|//[^\\n]*|#[^\\n]*", Pattern.DOTALL);
  private static final Pattern KEY =
      Pattern.compile("\\bkey\\s+(\"[^\"]*\"|[^\\s{\"]+)\\s*\\{([^}]*)\\}", Pattern.DOTALL);
  private static final Pattern ALGORITHM =
      Pattern.compile("\\balgorithm\\s+\"?([^\\s;\"]+)\"?\\s*;");
  private static final Pattern SECRET = Pattern.compile("\\bsecret\\s+\"([^\"]*)\"\\s*;");

  /**
   * @throws IllegalArgumentException when the name is blank, the algorithm unknown or the secret
   *     empty
   */
  public TsigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a TSIG key needs a name");
    }
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    if (!ALGORITHMS.containsKey(algorithm)) {
      throw new IllegalArgumentException(
          "unknown TSIG algorithm " + algorithm + " (known: " + known() + ")");
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("TSIG key " + name + " has an empty secret");
    }
    secret = secret.clone();
  }

  /**
   * Reads the first key clause of a BIND key file, as {@code tsig-keygen} writes it: {@code key
   * "name" { algorithm hmac-sha256; secret "base64"; };}.
   *
   * @throws DnsException naming the file when it is missing or unreadable, holds no key clause,
   *     names an unknown algorithm or a secret that is not base64
   */
  public static TsigKey read(Path file) throws DnsException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DnsException("TSIG key file " + file + " does not exist", false, e);
    } catch (AccessDeniedException e) {
      throw new DnsException(
          "TSIG key file " + file + " is not readable (permission denied)", false, e);
    } catch (IOException e) {
      throw new DnsException("cannot read TSIG key file " + file + ": " + e.getMessage(), false, e);
    }
    text = COMMENTS.matcher(text).replaceAll(" ");
    Matcher key = KEY.matcher(text);
    if (!key.find()) {
      throw new DnsException(
          "TSIG key file "
              + file
              + " holds no key clause (expected key \"name\" { algorithm hmac-sha256; secret"
              + " \"...\"; }; as tsig-keygen writes it)");
    }
    String name = key.group(1).replace("\"", "").strip();
    String body = key.group(2);
    Matcher algorithm = ALGORITHM.matcher(body);
    if (!algorithm.find()) {
      throw new DnsException("TSIG key file " + file + ": key " + name + " names no algorithm");
    }
    String algorithmName = algorithm.group(1).toLowerCase(Locale.ROOT);
    if (!ALGORITHMS.containsKey(algorithmName)) {
      throw new DnsException(
          "TSIG key file "
              + file
              + ": key "
              + name
              + " uses the unknown algorithm "
              + algorithmName
              + " (known: "
              + known()
              + ")");
    }
    Matcher secret = SECRET.matcher(body);
    if (!secret.find()) {
      throw new DnsException("TSIG key file " + file + ": key " + name + " has no secret");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(secret.group(1).strip());
    } catch (IllegalArgumentException e) {
      // the decoder's message may quote the secret's characters: not repeated here
      throw new DnsException(
          "TSIG key file " + file + ": the secret of key " + name + " is not valid base64");
    }
    if (name.isEmpty() || bytes.length == 0) {
      throw new DnsException(
          "TSIG key file " + file + ": key " + (name.isEmpty() ? "\"\"" : name) + " is empty");
    }
    return new TsigKey(name, algorithmName, bytes);
  }

  private static String known() {
    return String.join(", ", ALGORITHMS.keySet().stream().sorted().toList());
  }

  /** A copy of the secret. */
  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** dnsjava's signer for this key. */
  TSIG signer() {
    return new TSIG(
        ALGORITHMS.get(algorithm),
        Name.fromConstantString(name.endsWith(".") ? name : name + "."),
        secret);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TsigKey key
        && name.equals(key.name)
        && algorithm.equals(key.algorithm)
        && Arrays.equals(secret, key.secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm, Arrays.hashCode(secret));
  }

  @Override
  public String toString() {
    return "TsigKey[" + name + ", " + algorithm + "]"; // never the secret
  }
}
