package it.continuo.storage.sftp;

import it.continuo.ssh.Endpoints;
import it.continuo.storage.Target;
import it.continuo.storage.TargetContract;
import it.continuo.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The SFTP target keeps the target contract")
class SftpTargetContractIT extends TargetContract {
  private Path root;

  @Override
  protected Target openTarget() throws Exception {
    TestServers servers = TestServers.require();
    root = Files.createTempDirectory(servers.sftpRoot(), "contract-");
    return new SftpTarget("secondario", Endpoints.of(servers, servers.primary()), root.toString());
  }

  @Override
  protected List<String> incompleteUploads(Target target, String prefix) throws Exception {
    return partialFiles(root, prefix);
  }

  @AfterEach
  void removeRoot() throws Exception {
    if (root != null) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
