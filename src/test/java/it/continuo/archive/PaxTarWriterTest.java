package it.continuo.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The pax tar writer")
class PaxTarWriterTest {
  static final Instant T = Instant.parse("2026-11-23T22:00:00.123456789Z");

  ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  PaxTarWriter tar = new PaxTarWriter(bytes);

  TarArchiveInputStream reader() {
    return new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()), "UTF-8");
  }

  void file(String name, String content) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    tar.begin(name, PaxTarWriter.Type.FILE, 0640, 1000, 100, "anna", "staff", T, b.length, null);
    tar.write(b, 0, b.length);
    tar.end(b.length);
  }

  @Nested
  @DisplayName("writes entries a standard reader reads back")
  class RoundTrip {
    @Test
    @DisplayName("a short ASCII file with owner, mode and a nanosecond mtime")
    void plainFile() throws Exception {
      file("srv/uno/a.txt", "hello");
      tar.finish();
      try (TarArchiveInputStream in = reader()) {
        TarArchiveEntry e = in.getNextEntry();
        assertThat(e.getName()).isEqualTo("srv/uno/a.txt");
        assertThat(e.getMode() & 07777).isEqualTo(0640);
        assertThat(e.getLongUserId()).isEqualTo(1000);
        assertThat(e.getLongGroupId()).isEqualTo(100);
        assertThat(e.getUserName()).isEqualTo("anna");
        assertThat(e.getGroupName()).isEqualTo("staff");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(e.getExtraPaxHeaders()).isEmpty();
        assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(T);
        assertThat(in.getNextEntry()).isNull();
      }
      assertThat(bytes.size() % (20 * 512)).isZero();
      assertThat(new String(bytes.toByteArray(), StandardCharsets.US_ASCII))
          .contains("mtime=1795471200.123456789\n");
    }

    @Test
    @DisplayName("names over 100 bytes, UTF-8 names and link targets through pax records")
    void longAndUtf8Names() throws Exception {
      String longName = "d/".repeat(60) + "città è già 日本語 😀.txt";
      file(longName, "x");
      tar.begin(
          "link",
          PaxTarWriter.Type.SYMLINK,
          0777,
          0,
          0,
          "root",
          "root",
          T,
          0,
          "../" + "t".repeat(150));
      tar.begin("dir", PaxTarWriter.Type.DIR, 0755, 0, 0, "root", "root", T, 0, null);
      tar.begin("hard", PaxTarWriter.Type.HARDLINK, 0640, 0, 0, "root", "root", T, 0, longName);
      tar.finish();
      try (TarArchiveInputStream in = reader()) {
        assertThat(in.getNextEntry().getName()).isEqualTo(longName);
        TarArchiveEntry link = in.getNextEntry();
        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo("../" + "t".repeat(150));
        TarArchiveEntry dir = in.getNextEntry();
        assertThat(dir.isDirectory()).isTrue();
        assertThat(dir.getName()).isEqualTo("dir/");
        TarArchiveEntry hard = in.getNextEntry();
        assertThat(hard.isLink()).isTrue();
        assertThat(hard.getLinkName()).isEqualTo(longName);
      }
    }

    @Test
    @DisplayName("sizes over 8 GiB, large ids, long owner names and times before 1970")
    void bigNumbers() throws Exception {
      long size = 9L * 1024 * 1024 * 1024;
      tar.begin(
          "big",
          PaxTarWriter.Type.FILE,
          0600,
          4_000_000_000L,
          3_000_000_000L,
          "u".repeat(40),
          "gruppo-è",
          Instant.parse("1969-12-31T23:59:58.5Z"),
          size,
          null);
      try (TarArchiveInputStream in = reader()) {
        TarArchiveEntry e = in.getNextEntry();
        assertThat(e.getSize()).isEqualTo(size);
        assertThat(e.getLongUserId()).isEqualTo(4_000_000_000L);
        assertThat(e.getLongGroupId()).isEqualTo(3_000_000_000L);
        assertThat(e.getUserName()).isEqualTo("u".repeat(40));
        assertThat(e.getGroupName()).isEqualTo("gruppo-è");
        assertThat(e.getLastModifiedTime().toInstant())
            .isEqualTo(Instant.parse("1969-12-31T23:59:58.5Z"));
      }
    }
  }

  @Test
  @DisplayName("pax times keep nine digits and the sign")
  void paxTime() {
    assertThat(PaxTarWriter.paxTime(Instant.ofEpochSecond(5, 1))).isEqualTo("5.000000001");
    assertThat(PaxTarWriter.paxTime(Instant.ofEpochSecond(5))).isEqualTo("5");
    assertThat(PaxTarWriter.paxTime(Instant.ofEpochSecond(-2, 500_000_000)))
        .isEqualTo("-1.500000000");
  }

  @Test
  @DisplayName("refuses content longer or shorter than the header announced")
  void contentMustMatchSize() throws Exception {
    tar.begin("f", PaxTarWriter.Type.FILE, 0644, 0, 0, null, null, T, 3, null);
    assertThatThrownBy(() -> tar.write(new byte[4], 0, 4))
        .isInstanceOf(IllegalStateException.class);
    tar.write(new byte[2], 0, 2);
    assertThatThrownBy(() -> tar.end(3)).isInstanceOf(IllegalStateException.class);
  }
}
