package it.continuo.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.continuo.config.ConfigLoader;
import it.continuo.config.S3TargetConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the target's own client sends over plain HTTP, seen by a small HTTP server on loopback that
 * stores nothing and answers as S3 does (ETag and CRC32C echoed).
 */
@DisplayName("The S3 target's client, over plain HTTP")
class S3ClientSigningTest {
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  @DisplayName("sends a part's body unsigned and a single put's body with its SHA-256")
  void partsUnsignedPutsSigned() throws Exception {
    byte[] body = "bytes of an archive".getBytes(StandardCharsets.UTF_8);
    try (S3Target target = new S3Target(config())) {
      target.bucket().uploadPart("job/run.tar.zst", "upload-1", 1, body, body.length);
      target.bucket().put("job/run.manifest.jsonl.zst", body, body.length);
    }

    assertThat(seen)
        .containsExactly(
            "PUT /bucket/job/run.tar.zst?partNumber=1&uploadId=upload-1 UNSIGNED-PAYLOAD",
            "PUT /bucket/job/run.manifest.jsonl.zst " + hex("SHA-256", body));
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String query = exchange.getRequestURI().getRawQuery();
    seen.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getRawPath()
            + (query == null ? "" : "?" + query)
            + " "
            + exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
    exchange.getResponseHeaders().add("ETag", '"' + hex("MD5", body) + '"');
    String crc = exchange.getRequestHeaders().getFirst("x-amz-checksum-crc32c");
    if (crc != null) {
      exchange.getResponseHeaders().add("x-amz-checksum-crc32c", crc);
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private S3TargetConfig config() throws Exception {
    Path file = dir.resolve("continuo.yaml");
    Files.writeString(
        file,
        """
        agent: { name: test, dataDir: data }
        targets:
          cloud:
            type: s3
            bucket: bucket
            region: eu-south-1
            endpoint: http://127.0.0.1:%d
            pathStyle: true
            accessKey: "${env:KEY}"
            secretKey: "${env:SECRET}"
        """
            .formatted(server.getAddress().getPort()));
    return (S3TargetConfig)
        new ConfigLoader(Map.of("KEY", "access", "SECRET", "secret"))
            .load(file)
            .targets()
            .get("cloud");
  }

  private static String hex(String algorithm, byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
