package it.continuo.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token a request must present as {@code Authorization: Bearer TOKEN}. Only a SHA-256 digest of
 * it is kept, and the presented token is compared by digest with {@link MessageDigest#isEqual}, so
 * the time a comparison takes tells nothing about the token, not even its length.
 */
final class BearerToken {
  /** What a request presented. */
  enum Check {
    ACCEPTED,
    MISSING,
    WRONG
  }

  private static final String SCHEME = "Bearer ";

  private final byte[] expected;

  BearerToken(String token) {
    // A header value cannot carry surrounding white space (RFC 9110, section 5.5).
    this.expected = sha256(token.strip());
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   */
  Check check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Check.MISSING;
    }
    // The scheme is case-insensitive (RFC 7235, section 2.1); the token is not.
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Check.WRONG;
    }
    String presented = authorization.substring(SCHEME.length()).strip();
    return MessageDigest.isEqual(expected, sha256(presented)) ? Check.ACCEPTED : Check.WRONG;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
