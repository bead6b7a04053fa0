package it.continuo.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A manifest")
class ManifestTest {
  static final Instant START = Instant.parse("2026-11-25T22:00:00.5Z");
  static final ManifestHeader HEADER =
      new ManifestHeader(
          "20261125T220000Z-F",
          "uno-nas",
          "full",
          null,
          "srv",
          "host",
          START,
          "continuo test",
          List.of("/srv/uno"));

  static ManifestEntry file(String path, String run) {
    return new ManifestEntry(
        path,
        EntryType.FILE,
        3,
        Instant.parse("2026-01-02T03:04:05.000000007Z"),
        Instant.parse("2026-01-02T03:04:05.1Z"),
        42,
        0644,
        0,
        0,
        "root",
        "root",
        null,
        "a".repeat(64),
        run,
        false,
        null);
  }

  static ManifestFooter footer(long entries) {
    return new ManifestFooter(
        "20261125T220000Z-F",
        "full",
        null,
        START,
        START.plusSeconds(3),
        entries,
        entries,
        3 * entries,
        entries,
        0,
        0,
        0,
        3 * entries,
        0,
        0,
        0,
        "20261125T220000Z-F.tar.zst",
        1234,
        "b".repeat(64),
        List.of("20261125T220000Z-F"));
  }

  static byte[] write(List<ManifestEntry> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManifestWriter w = new ManifestWriter(out, 3);
    w.header(HEADER);
    for (ManifestEntry e : entries) {
      w.entry(e);
    }
    w.finish(footer(entries.size()));
    return out.toByteArray();
  }

  static List<ManifestEntry> read(byte[] bytes) throws Exception {
    List<ManifestEntry> all = new ArrayList<>();
    try (ManifestReader r = ManifestReader.open(new ByteArrayInputStream(bytes))) {
      assertThat(r.header()).isEqualTo(HEADER);
      for (ManifestEntry e = r.next(); e != null; e = r.next()) {
        all.add(e);
      }
      assertThat(r.footer().entries()).isEqualTo(all.size());
    }
    return all;
  }

  @Nested
  @DisplayName("round-trips")
  class RoundTrip {
    @Test
    @DisplayName("every field of every kind of entry, names with any character")
    void entries() throws Exception {
      List<ManifestEntry> entries =
          new ArrayList<>(
              List.of(
                  file("srv/uno/\"quoted\" \\ back", "R1"),
                  file("srv/uno/a", "R1"),
                  file("srv/uno/a b/città 😀", "R1"),
                  new ManifestEntry(
                      "srv/uno/dir",
                      EntryType.DIR,
                      0,
                      START,
                      null,
                      7,
                      01777,
                      5,
                      6,
                      null,
                      null,
                      null,
                      null,
                      null,
                      false,
                      null),
                  new ManifestEntry(
                      "srv/uno/hard",
                      EntryType.HARDLINK,
                      3,
                      START,
                      START,
                      42,
                      0644,
                      0,
                      0,
                      "root",
                      "root",
                      "srv/uno/a",
                      "a".repeat(64),
                      "R1",
                      false,
                      null),
                  new ManifestEntry(
                      "srv/uno/line\nbreak\ttab\u0001ctl",
                      EntryType.FILE,
                      0,
                      START,
                      START,
                      1,
                      0,
                      0,
                      0,
                      null,
                      null,
                      null,
                      null,
                      null,
                      true,
                      "permission denied"),
                  new ManifestEntry(
                      "srv/uno/link",
                      EntryType.SYMLINK,
                      0,
                      Instant.parse("1969-07-20T20:17:40Z"),
                      START,
                      9,
                      0777,
                      0,
                      0,
                      "root",
                      "root",
                      "../x\ny",
                      null,
                      null,
                      false,
                      null)));
      entries.sort((a, b) -> TreeOrder.compare(a.path(), b.path()));
      assertThat(read(write(entries))).containsExactlyElementsOf(entries);
    }

    @Test
    @DisplayName("is JSON Lines that zstd -dc and any JSON parser read: header, entries, footer")
    void jsonLines() throws Exception {
      byte[] bytes = write(List.of(file("srv/uno/a", "R1")));
      String text =
          new String(
              new ZstdInputStream(new ByteArrayInputStream(bytes)).readAllBytes(),
              StandardCharsets.UTF_8);
      String[] lines = text.split("\n");
      assertThat(lines).hasSize(3);
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(lines[0]).get("format").asText()).isEqualTo("continuo-manifest");
      JsonNode entry = json.readTree(lines[1]);
      assertThat(entry.get("mtime").asText()).isEqualTo("2026-01-02T03:04:05.000000007Z");
      assertThat(entry.get("mode").asText()).isEqualTo("0644");
      assertThat(json.readTree(lines[2]).get("footer").get("needs").get(0).asText())
          .isEqualTo("20261125T220000Z-F");
    }
  }

  @Nested
  @DisplayName("has a footer that can be read alone")
  class FooterAlone {
    @Test
    void fromTheTrailer() throws Exception {
      byte[] bytes = write(List.of(file("srv/uno/a", "R1")));
      byte[] trailer = Arrays.copyOfRange(bytes, bytes.length - ManifestTrailer.SIZE, bytes.length);
      long offset = ManifestTrailer.footerOffset(trailer, bytes.length);
      byte[] frame = Arrays.copyOfRange(bytes, (int) offset, bytes.length - ManifestTrailer.SIZE);
      assertThat(ManifestFooters.parse(frame)).isEqualTo(footer(1));
    }

    @Test
    @DisplayName("and one without a trailer has no footer")
    void truncated() throws Exception {
      byte[] bytes = write(List.of(file("srv/uno/a", "R1")));
      byte[] cut = Arrays.copyOf(bytes, bytes.length - 30);
      byte[] trailer = Arrays.copyOfRange(cut, cut.length - ManifestTrailer.SIZE, cut.length);
      assertThatThrownBy(() -> ManifestTrailer.footerOffset(trailer, cut.length))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("no footer");
    }
  }

  @Nested
  @DisplayName("is refused when damaged")
  class Damaged {
    @Test
    @DisplayName("cut before its footer")
    void noFooter() throws Exception {
      byte[] bytes = write(List.of(file("srv/uno/a", "R1"), file("srv/uno/b", "R1")));
      int footerFrame =
          (int)
              ManifestTrailer.footerOffset(
                  Arrays.copyOfRange(bytes, bytes.length - 24, bytes.length), bytes.length);
      assertThatThrownBy(() -> read(Arrays.copyOf(bytes, footerFrame)))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("no footer");
    }

    @Test
    @DisplayName("cut in the middle of its entries")
    void truncatedEntries() throws Exception {
      List<ManifestEntry> many = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        many.add(file(String.format("srv/uno/f%05d", i), "R1"));
      }
      byte[] bytes = write(many);
      assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length / 2)))
          .isInstanceOf(ManifestException.class);
    }

    @Test
    @DisplayName("with a flipped byte")
    void flipped() throws Exception {
      List<ManifestEntry> many = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        many.add(file(String.format("srv/uno/f%05d", i), "R1"));
      }
      byte[] bytes = write(many);
      bytes[bytes.length / 3] ^= 0x40;
      assertThatThrownBy(() -> read(bytes)).isInstanceOf(ManifestException.class);
    }

    @Test
    @DisplayName("with entries out of tree order")
    void outOfOrder() {
      assertThatThrownBy(() -> write(List.of(file("srv/uno/b", "R1"), file("srv/uno/a", "R1"))))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  @DisplayName("tree order puts a directory right before its contents")
  void treeOrder() {
    List<String> paths = new ArrayList<>(List.of("a.txt", "a/b", "a", "a b", "a/b/c", "a-"));
    paths.sort(TreeOrder.PATHS);
    assertThat(paths).containsExactly("a", "a/b", "a/b/c", "a b", "a-", "a.txt");
  }
}
