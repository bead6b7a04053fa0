package it.continuo.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Reading a manifest's footer alone, from the frame that {@link ManifestTrailer} locates. */
public final class ManifestFooters {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ManifestFooters() {}

  /** Parses the footer frame (the bytes between the footer offset and the trailer). */
  public static ManifestFooter parse(byte[] frame) throws ManifestException {
    try (JsonParser p =
        JSON.createParser(new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(frame)))) {
      ManifestCodec.Line line = ManifestCodec.read(p);
      if (line == null || line.footer() == null) {
        throw new ManifestException("manifest has no footer");
      }
      return line.footer();
    } catch (ZstdIOException | StreamReadException e) {
      throw new ManifestException("manifest footer is damaged: " + e.getMessage(), e);
    } catch (ManifestException e) {
      throw e;
    } catch (IOException e) {
      throw new ManifestException("manifest footer is damaged: " + e.getMessage(), e);
    }
  }
}
