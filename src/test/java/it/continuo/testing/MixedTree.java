package it.continuo.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a reproducible tree of ordinary data, the bulk that makes a backup take time: text that
 * compresses well, random bytes that do not, and many small files in many directories.
 */
public final class MixedTree {
  private static final String[] WORDS =
      ("il la di che e a in un per non una sono con si da come anche del le al più ma della se "
              + "questo alla nel dei gli ha lo tutto mi sul suo fatto fare due quando cosa fino "
              + "backup restore archive manifest verify target chain full incremental run job "
              + "server nas cloud replica failover drill report continuity plan rpo rto tier")
          .split(" ");

  private MixedTree() {}

  /**
   * Populates {@code root} (which must exist).
   *
   * @param bigFiles how many large text files and how many large random files
   * @param bigFileBytes the size of each large file
   * @param smallFiles how many small files, spread over directories of 50
   * @return the total bytes of content written
   */
  public static long populate(Path root, long seed, int bigFiles, int bigFileBytes, int smallFiles)
      throws IOException {
    Random random = new Random(seed);
    long total = 0;
    Path text = Files.createDirectories(root.resolve("text"));
    Path binary = Files.createDirectories(root.resolve("binary"));
    for (int i = 0; i < bigFiles; i++) {
      total += writeText(text.resolve(String.format("document-%03d.txt", i)), random, bigFileBytes);
      total +=
          writeRandom(binary.resolve(String.format("image-%03d.bin", i)), random, bigFileBytes);
    }
    for (int i = 0; i < smallFiles; i++) {
      Path dir = Files.createDirectories(root.resolve(String.format("small/d%03d", i / 50)));
      int size = 200 + random.nextInt(8000);
      total +=
          i % 3 == 0
              ? writeRandom(dir.resolve("f" + i + ".dat"), random, size)
              : writeText(dir.resolve("f" + i + ".txt"), random, size);
    }
    return total;
  }

  /** Pseudo-text from a small vocabulary: compresses about three to one. */
  public static long writeText(Path file, Random random, int bytes) throws IOException {
    StringBuilder b = new StringBuilder(bytes + 16);
    while (b.length() < bytes) {
      b.append(WORDS[random.nextInt(WORDS.length)]);
      b.append(random.nextInt(12) == 0 ? ".\n" : " ");
      if (random.nextInt(40) == 0) {
        b.append(random.nextInt(100_000));
      }
    }
    b.setLength(bytes);
    Files.writeString(file, b, StandardCharsets.UTF_8);
    return bytes;
  }

  /** Incompressible bytes. */
  public static long writeRandom(Path file, Random random, int bytes) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int left = bytes; left > 0; left -= chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, Math.min(left, chunk.length));
      }
    }
    return bytes;
  }
}
