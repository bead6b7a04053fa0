package it.continuo.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Reads the OpenPGP objects of a key file, armored or binary. */
final class KeyFiles {
  private KeyFiles() {}

  /** Every top-level object in the file (key rings, usually one). */
  static List<Object> read(Path file) throws KeyFileException {
    if (!Files.exists(file)) {
      throw new KeyFileException(file, "does not exist");
    }
    List<Object> objects = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      PGPObjectFactory factory = new BcPGPObjectFactory(in);
      for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
        objects.add(o);
      }
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "does not exist");
    } catch (IOException | RuntimeException e) {
      if (objects.isEmpty()) {
        throw new KeyFileException(file, "is not an OpenPGP key (" + e.getMessage() + ")", e);
      }
      // a damaged tail after a complete key ring: use what was read
    }
    if (objects.isEmpty()) {
      throw new KeyFileException(file, "is not an OpenPGP key (no OpenPGP data in it)");
    }
    return objects;
  }

  /** "0x" and the 16 hex digits of a key id, as gpg prints it with --keyid-format 0xlong. */
  static String keyId(long id) {
    return String.format("0x%016X", id);
  }
}
