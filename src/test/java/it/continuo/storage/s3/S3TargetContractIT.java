package it.continuo.storage.s3;

import it.continuo.storage.Target;
import it.continuo.storage.TargetContract;
import it.continuo.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The S3 target keeps the target contract (on S3Proxy, 5 MiB parts)")
class S3TargetContractIT extends TargetContract {
  @TempDir Path dir;
  S3Fixture fixture;

  @Override
  protected Target openTarget() throws Exception {
    fixture = new S3Fixture(TestServers.require());
    return fixture.target(dir);
  }

  @AfterEach
  void removeAll() {
    if (fixture != null) {
      fixture.removeAll();
    }
  }

  @Override
  protected List<String> incompleteUploads(Target target, String prefix) {
    return fixture.incompleteUploads(prefix);
  }
}
