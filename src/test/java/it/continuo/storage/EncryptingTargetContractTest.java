package it.continuo.storage;

import it.continuo.crypto.DecryptionKey;
import it.continuo.crypto.EncryptionKey;
import it.continuo.storage.crypt.EncryptingTarget;
import it.continuo.storage.local.LocalTarget;
import it.continuo.testing.GpgKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The encrypting target over a local one keeps the target contract")
class EncryptingTargetContractTest extends TargetContract {
  static EncryptionKey publicKey;
  static DecryptionKey privateKey;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    GpgKeys keys = GpgKeys.get();
    publicKey = EncryptionKey.load(keys.cv25519.publicKey());
    privateKey = DecryptionKey.load(keys.cv25519.secretKey(), "");
  }

  @Override
  protected Target openTarget() throws Exception {
    return new EncryptingTarget(new LocalTarget("nas", dir), publicKey, privateKey);
  }

  @Override
  protected boolean reportsSizeWritten() {
    return false; // ciphertext sizes
  }

  @Override
  protected List<String> incompleteUploads(Target target, String prefix) throws Exception {
    return partialFiles(dir, prefix);
  }
}
