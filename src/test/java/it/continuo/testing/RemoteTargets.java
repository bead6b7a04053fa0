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
    TestServers.SshHost host = servers.secondary();
    return sftp(servers, name, host.port(), servers.knownHostsHashed(), extra);
  }

  /**
   * Like {@link #sftp(TestServers, String, String)}, reached through a proxy on 127.0.0.1:{@code
   * port} (a {@link DroppingProxy}): the known_hosts file written to {@code dir} gives that address
   * the secondary host's keys.
   */
  public static String sftpVia(TestServers servers, String name, int port, Path dir, String extra)
      throws IOException {
    String hostKeys = "[" + servers.secondary().host() + "]:" + servers.secondary().port() + " ";
    StringBuilder knownHosts = new StringBuilder();
    for (String line : Files.readAllLines(servers.knownHosts())) {
      if (line.startsWith(hostKeys)) {
        knownHosts.append("[127.0.0.1]:").append(port).append(' ');
        knownHosts.append(line.substring(hostKeys.length())).append('\n');
      }
    }
    Path file = dir.resolve(name + ".known_hosts");
    Files.writeString(file, knownHosts);
    return sftp(servers, name, port, file, extra)
        .replace("host: " + servers.secondary().host(), "host: 127.0.0.1");
  }

  private static String sftp(
      TestServers servers, String name, int port, Path knownHosts, String extra)
      throws IOException {
    Path dir = Files.createDirectories(servers.sftpRoot().resolve("e2e-" + UUID.randomUUID()));
    return name
        + ": { type: sftp, host: "
        + servers.secondary().host()
        + ", port: "
        + port
        + ", user: "
        + servers.sshUser()
        + ", key: \""
        + servers.sshKey()
        + "\", knownHosts: \""
        + knownHosts
        + "\", path: \""
        + dir
        + "\""
        + extra
        + " }";
  }

  /** The key prefix of an S3 entry made here. */
  public static String s3Prefix(String entry) {
    int at = entry.indexOf("prefix: \"") + 9;
    return entry.substring(at, entry.indexOf('"', at));
  }

  /** Keys of the incomplete multipart uploads under {@code prefix}, asked of S3Proxy directly. */
  public static java.util.List<String> incompleteS3Uploads(TestServers servers, String prefix) {
    TestServers.S3 s3 = servers.s3();
    try (software.amazon.awssdk.services.s3.S3Client raw =
        software.amazon.awssdk.services.s3.S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(software.amazon.awssdk.regions.Region.of(s3.region()))
            .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        s3.accessKey(), s3.secretKey())))
            .build()) {
      return raw
          .listMultipartUploadsPaginator(r -> r.bucket(s3.bucket()).prefix(prefix + "/"))
          .uploads()
          .stream()
          .map(software.amazon.awssdk.services.s3.model.MultipartUpload::key)
          .toList();
    }
  }

  /** The directory of an SFTP entry made here, on this machine's disk. */
  public static Path sftpDir(String entry) {
    int at = entry.indexOf("path: \"") + 7;
    return Path.of(entry.substring(at, entry.indexOf('"', at)));
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
