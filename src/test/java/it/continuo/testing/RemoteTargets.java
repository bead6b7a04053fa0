package it.continuo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * YAML entries for targets on the real test servers ({@link TestServers}): an SFTP directory on the
 * "secondary" host and an S3 prefix on S3Proxy, each fresh, with the secrets in files and given by
 * reference as a user would.
 */
public final class RemoteTargets {
  private RemoteTargets() {}

  /** {@code NAME: { type: sftp, ... }} for a new directory on the secondary host. */
  public static String sftp(TestServers servers, String name, String extra) throws IOException {
    Path dir = Files.createDirectories(servers.sftpRoot().resolve("e2e-" + UUID.randomUUID()));
    TestServers.SshHost host = servers.secondary();
    return name
        + ": { type: sftp, host: "
        + host.host()
        + ", port: "
        + host.port()
        + ", user: "
        + servers.sshUser()
        + ", key: \""
        + servers.sshKey()
        + "\", knownHosts: \""
        + servers.knownHostsHashed()
        + "\", path: \""
        + dir
        + "\""
        + extra
        + " }";
  }

  /**
   * {@code NAME: { type: s3, ... }} for a new prefix in the test bucket; secrets in {@code dir}.
   */
  public static String s3(TestServers servers, String name, Path dir, String extra)
      throws IOException {
    TestServers.S3 s3 = servers.s3();
    Path access = dir.resolve(name + ".access");
    Path secret = dir.resolve(name + ".secret");
    Files.writeString(access, s3.accessKey() + "\n");
    Files.writeString(secret, s3.secretKey() + "\n");
    return name
        + ": { type: s3, bucket: "
        + s3.bucket()
        + ", region: "
        + s3.region()
        + ", endpoint: \""
        + s3.endpoint()
        + "\", pathStyle: true, accessKey: \"${file:"
        + access
        + "}\", secretKey: \"${file:"
        + secret
        + "}\", prefix: \"e2e-"
        + UUID.randomUUID()
        + "\", partSize: 5MiB"
        + extra
        + " }";
  }
}
