package it.continuo.cli;

import it.continuo.io.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The training run of the class-data archive: runs the everyday commands once, in a scratch
 * directory, so that a JVM started with {@code -XX:ArchiveClassesAtExit=continuo.jsa} archives the
 * classes they load, already parsed and verified. A command that starts from the archive (see
 * packaging/continuo) spends about half a second less of a cold JVM loading classes; the archive is
 * made by the build ({@code mvn package}) and by scripts/install, both through {@code
 * CONTINUO_MAKE_CLASS_DATA=1 continuo}, which starts the JVM exactly as for a command but with
 * {@code -Dcontinuo.classDataTraining=true}. It holds nothing of a real configuration: the tree,
 * configuration and runs used here are made up and deleted at the end. Exit 0 when every command
 * did what it should.
 */
final class ClassDataTraining {
  /** The system property that makes {@link Main} run the training instead of a command. */
  static final String PROPERTY = "continuo.classDataTraining";

  private ClassDataTraining() {}

  static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("continuo-training-");
    int code;
    try {
      code = train(dir);
    } finally {
      Trees.delete(dir);
    }
    System.exit(code);
  }

  static int train(Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("source/docs/empty")).getParent().getParent();
    Random random = new Random(1);
    for (int i = 0; i < 40; i++) {
      byte[] text = new byte[8 * 1024 + random.nextInt(64 * 1024)];
      for (int j = 0; j < text.length; j++) {
        text[j] = (byte) ('a' + random.nextInt(random.nextInt(26) + 1));
      }
      Files.write(source.resolve("docs/file-" + i + ".txt"), text);
    }
    Files.createSymbolicLink(source.resolve("docs/link"), Path.of("file-0.txt"));
    Files.createLink(source.resolve("docs/hard"), source.resolve("docs/file-1.txt"));
    Path config = dir.resolve("continuo.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "agent: { name: training, dataDir: \"" + dir.resolve("data") + "\" }",
            "sources:",
            "  docs: { paths: [\"" + source + "\"], exclude: [\"**/*.tmp\"] }",
            "targets:",
            "  nas: { type: local, path: \"" + Files.createDirectories(dir.resolve("nas")) + "\" }",
            "jobs:",
            "  docs: { source: docs, target: nas, full: \"0 0 22 ? * SUN\",",
            "          incremental: \"0 0 22 ? * MON-SAT\" }",
            ""));
    String c = config.toString();
    String restored = dir.resolve("restored").toString();
    int failures = 0;
    failures += run("check-config", "-c", c, "check-config");
    failures += run("full backup", "-c", c, "backup", "docs", "--full");
    Files.writeString(source.resolve("docs/file-2.txt"), "changed\n");
    Files.delete(source.resolve("docs/file-3.txt"));
    failures += run("incremental backup", "-c", c, "backup", "docs");
    failures += run("list", "-c", c, "list", "docs");
    failures += run("list --json", "-c", c, "list", "docs", "--json");
    failures += run("verify", "-c", c, "verify", "docs");
    failures += run("restore", "-c", c, "restore", "docs", "--to", restored);
    return failures == 0 ? 0 : 1;
  }

  private static int run(String what, String... args) {
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = Main.run(args, nowhere, err);
    if (code != 0) {
      err.println("continuo training: " + what + " exited " + code);
      return 1;
    }
    return 0;
  }
}
