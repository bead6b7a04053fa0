package it.continuo.cli;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import it.continuo.config.ConfigLoader;
import it.continuo.daemon.Daemon;
import it.continuo.io.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

  static void main(String[] args) throws IOException, JSchException {
    Path dir = Files.createTempDirectory("continuo-training-");
    int code;
    try {
      code = train(dir);
    } finally {
      Trees.delete(dir);
    }
    System.exit(code);
  }

  static int train(Path dir) throws IOException, JSchException {
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
    int closed = closedPort();
    Path key = dir.resolve("id_ecdsa");
    KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
    pair.writePrivateKey(key.toString());
    pair.dispose();
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    Path access = Files.writeString(dir.resolve("s3.access"), "training");
    Path secret = Files.writeString(dir.resolve("s3.secret"), "training-secret");
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
            "  secondary: { type: sftp, host: 127.0.0.1, port: " + closed + ", path: /training,",
            "    user: training, key: \"" + key + "\", knownHosts: \"" + knownHosts + "\",",
            "    retries: 0 }",
            "  cloud: { type: s3, bucket: training, region: us-east-1, pathStyle: true,",
            "    endpoint: \"http://127.0.0.1:" + closed + "\", retries: 0,",
            "    accessKey: \"${file:" + access + "}\", secretKey: \"${file:" + secret + "}\" }",
            "jobs:",
            "  docs: { source: docs, target: nas, full: \"0 0 22 ? * SUN\",",
            "          incremental: \"0 0 22 ? * MON-SAT\" }",
            "  docs-offsite: { source: docs, target: [secondary, cloud],",
            "          full: \"0 0 22 ? * SUN\", incremental: \"0 0 22 ? * MON-SAT\" }",
            ""));
    String c = config.toString();
    String restored = dir.resolve("restored").toString();
    int failures = 0;
    failures += run("check-config", 0, "-c", c, "check-config");
    failures += run("full backup", 0, "-c", c, "backup", "docs", "--full");
    Files.writeString(source.resolve("docs/file-2.txt"), "changed\n");
    Files.delete(source.resolve("docs/file-3.txt"));
    failures += run("incremental backup", 0, "-c", c, "backup", "docs");
    failures += run("list", 0, "-c", c, "list", "docs");
    failures += run("list --json", 0, "-c", c, "list", "docs", "--json");
    failures += run("verify", 0, "-c", c, "verify", "docs");
    failures += run("restore", 0, "-c", c, "restore", "docs", "--to", restored);
    failures += handedToTheDaemon(config, c);
    // The code of the remote targets up to the network, which refuses: a port just closed.
    failures += run("backup to SFTP and S3", ExitCodes.FAILED, "-c", c, "backup", "docs-offsite");
    loadSshAlgorithms();
    return failures == 0 ? 0 : 1;
  }

  /** A backup handed to a daemon of the training agent, the way it goes on an installed agent. */
  private static int handedToTheDaemon(Path config, String c) {
    try (Daemon daemon =
        Daemon.start(
            config,
            new ConfigLoader(),
            new ConfigLoader().load(config),
            Clock.systemUTC(),
            ContinuoCommand.version(),
            (d, loaded) -> List.of(ControlSocket.open(d, loaded)))) {
      int failures = run("backup handed to the daemon", 0, "-c", c, "backup", "docs");
      daemon.requestStop();
      daemon.serve();
      return failures;
    } catch (Exception e) {
      System.err.println("continuo training: the daemon failed: " + e);
      return 1;
    }
  }

  /** The classes of the key exchanges, ciphers, MACs and host keys a connection may negotiate. */
  private static void loadSshAlgorithms() {
    for (String list : List.of("kex", "cipher.c2s", "mac.c2s", "server_host_key")) {
      for (String algorithm : JSch.getConfig(list).split(",")) {
        String implementation = JSch.getConfig(algorithm);
        if (implementation == null) {
          continue;
        }
        try {
          Class.forName(implementation, true, ClassDataTraining.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          // an algorithm this JVM cannot offer: JSch leaves it out as well
        }
      }
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Runs a command; returns 1 when it did not exit {@code expected}. A command expected to fail
   * (its targets cannot be reached) has its log's warnings silenced.
   */
  private static int run(String what, int expected, String... args) {
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
    PrintStream stderr = System.err;
    PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
    int code;
    if (expected != 0) {
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }
    try {
      code = Main.run(args, nowhere, expected == 0 ? err : nowhere);
    } finally {
      System.setErr(stderr);
    }
    if (code != expected) {
      err.println("continuo training: " + what + " exited " + code + ", not " + expected);
      return 1;
    }
    return 0;
  }
}
