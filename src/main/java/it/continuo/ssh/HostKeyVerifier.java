package it.continuo.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The known_hosts file as JSch sees it, read-only, remembering the key the server offered so that a
 * refusal can name it. One per connection attempt.
 */
final class HostKeyVerifier implements HostKeyRepository {
  private final HostKeyRepository knownHosts;
  private final String file;
  private volatile byte[] offered;
  private volatile int result = -1;

  HostKeyVerifier(HostKeyRepository knownHosts, String file) {
    this.knownHosts = knownHosts;
    this.file = file;
  }

  @Override
  public int check(String host, byte[] key) {
    offered = key.clone();
    result = knownHosts.check(host, key);
    return result;
  }

  /** Never called with StrictHostKeyChecking=yes; the file is never changed anyway. */
  @Override
  public void add(HostKey hostkey, UserInfo ui) {}

  @Override
  public void remove(String host, String type) {}

  @Override
  public void remove(String host, String type, byte[] key) {}

  @Override
  public String getKnownHostsRepositoryID() {
    return file;
  }

  @Override
  public HostKey[] getHostKey() {
    return knownHosts.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return knownHosts.getHostKey(host, type);
  }

  /** True when the server's key was offered and not accepted. */
  boolean refused() {
    return offered != null && result != OK;
  }

  /** The message for a refused key: what was offered, by whom, and what to do. */
  String refusal(SshEndpoint endpoint) {
    String what = keyType(offered) + " key " + fingerprint(offered);
    if (result == CHANGED) {
      return "host key of "
          + endpoint.address()
          + " has CHANGED (possible man-in-the-middle attack): the server offered the "
          + what
          + ", which does not match the key recorded in "
          + file
          + "; if the server was really reinstalled, replace its entry after checking the"
          + " fingerprint";
    }
    return "host "
        + endpoint.address()
        + " is unknown: it offered the "
        + what
        + ", which is not in "
        + file
        + "; add it after checking the fingerprint, e.g. ssh-keyscan -p "
        + endpoint.port()
        + " "
        + endpoint.host()
        + " >> "
        + file;
  }

  /** The key type named at the start of an SSH public key blob, e.g. {@code ssh-ed25519}. */
  static String keyType(byte[] blob) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    if (b.remaining() < 4) {
      return "unknown";
    }
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      return "unknown";
    }
    return new String(blob, 4, n, StandardCharsets.US_ASCII);
  }

  /** The fingerprint as {@code ssh-keygen -l} prints it: SHA-256, base64 without padding. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }
}
