package it.continuo.config;

/**
 * A target of type {@code sftp}: a directory on another server, over SSH.
 *
 * @param name its key in the file
 * @param host the server: an entry of {@code hosts:} named by {@code host}, or the same keys
 *     written in the target ({@code host} then being the address)
 * @param path directory on the server
 * @param options the wrappers around it
 */
public record SftpTargetConfig(String name, HostConfig host, String path, TargetOptions options)
    implements TargetConfig {
  @Override
  public String type() {
    return "sftp";
  }
}
