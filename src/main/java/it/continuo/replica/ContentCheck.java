package it.continuo.replica;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Confirms the content of the selected files: one hashing command per side, both running at once,
 * read in step with the list (each prints the digests in list order).
 */
final class ContentCheck {
  private ContentCheck() {}

  static void run(
      ExecutorService pool,
      ReplicaHost[] hosts,
      ReplicaHost primary,
      ReplicaHost secondary,
      String primaryRoot,
      String secondaryRoot,
      HashSample.Selection selection,
      String prefix,
      Findings findings,
      Duration timeout)
      throws IOException, InterruptedException {
    ReplicaChecker.Sides<ReplicaHost.Hashes> hashes =
        ReplicaChecker.both(
            pool,
            hosts,
            () -> primary.hash(primaryRoot, selection.list(), timeout),
            () -> secondary.hash(secondaryRoot, selection.list(), timeout));
    try (ReplicaHost.Hashes p = hashes.primary();
        ReplicaHost.Hashes s = hashes.secondary();
        InputStream names = new BufferedInputStream(Files.newInputStream(selection.list()))) {
      for (byte[] name; (name = next(names)) != null; ) {
        String a = p.next();
        String b = s.next();
        if (a == null || b == null) {
          throw new SideException(
              "hashing gave fewer digests than files on "
                  + (a == null ? primary : secondary).describe());
        }
        if (!a.equals(b)) {
          findings.add(Rules.content(prefix + Entry.text(name)), false);
        }
      }
      findings.hashedFiles += selection.files();
      findings.hashedBytes += selection.bytes();
    } catch (IOException e) {
      for (ReplicaHost h : hosts) {
        h.close();
      }
      throw e;
    }
  }

  private static byte[] next(InputStream names) throws IOException {
    ByteArrayOutputStream name = new ByteArrayOutputStream();
    for (int b; (b = names.read()) != 0; ) {
      if (b < 0) {
        return null;
      }
      name.write(b);
    }
    return name.toByteArray();
  }
}
