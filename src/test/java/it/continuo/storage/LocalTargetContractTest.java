package it.continuo.storage;

import it.continuo.storage.local.LocalTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The local target keeps the target contract")
class LocalTargetContractTest extends TargetContract {
  @TempDir Path dir;

  @Override
  protected Target openTarget() throws Exception {
    return new LocalTarget("nas", dir);
  }

  @Override
  protected List<String> incompleteUploads(Target target, String prefix) throws Exception {
    return partialFiles(dir, prefix);
  }
}
