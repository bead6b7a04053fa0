package it.continuo.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.ssh.Endpoints;
import it.continuo.storage.Upload;
import it.continuo.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A backup writes an archive from its store thread and commits it from the run's thread, after the
 * store thread has ended. JSch hands a channel's replies through a pipe that refuses them, and then
 * closes the channel, once the last thread that read from it has ended: before the upload kept its
 * channel on a thread of its own, about one commit in two failed here with "Pipe closed".
 */
@DisplayName("An SFTP upload used from several threads")
class SftpThreadsIT {
  static final int ROUNDS = 30;

  SftpTarget target;
  Path root;
  byte[] content = new byte[300 * 1024];

  @BeforeEach
  void setUp() throws Exception {
    TestServers servers = TestServers.require();
    root = Files.createTempDirectory(servers.sftpRoot(), "threads-");
    target =
        new SftpTarget("secondario", Endpoints.of(servers, servers.secondary()), root.toString());
    new Random(7).nextBytes(content);
  }

  @AfterEach
  void removeRoot() throws Exception {
    if (target != null) {
      target.close();
    }
    if (root == null) {
      return; // the servers were not there: the test was skipped (or failed, in CI)
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  @DisplayName("commits from one thread what a thread that has ended wrote and flushed")
  void commitAfterTheWriterEnded() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String key = "agent/job/run-" + round + ".tar.zst";
      try (Upload upload = target.create(key)) {
        Thread writer =
            new Thread(
                () -> {
                  try {
                    upload.write(content, 0, content.length);
                    upload.flush(); // waits for the server's acknowledgements, on this thread
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                "writer-" + round);
        writer.start();
        writer.join();
        assertThat(upload.durable())
            .as("round %d: acknowledged by the writer", round)
            .isEqualTo(content.length);
        upload.write(content, 0, 100); // the end of the archive, written by the committing thread
        upload.commit();
      }
      try (InputStream in = target.open(key)) {
        byte[] stored = in.readAllBytes();
        assertThat(stored).as("round %d", round).hasSize(content.length + 100);
      }
    }
  }
}
