package it.continuo.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The parser of find's NUL-separated listing")
class FindFormatTest {
  @TempDir Path dir;

  static byte[] record(String type, String path, String target) {
    return (type
            + "\0"
            + "12\0"
            + "1764129601.1234567890\0"
            + "1764129602.5\0"
            + "644\0"
            + "0\0"
            + "1000\0"
            + path
            + "\0"
            + target
            + "\0")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static List<Entry> parse(byte[] bytes) throws IOException {
    FindFormat f = new FindFormat(new ByteArrayInputStream(bytes));
    List<Entry> all = new ArrayList<>();
    for (Entry e; (e = f.next()) != null; ) {
      all.add(e);
    }
    return all;
  }

  @Test
  @DisplayName("reads every field, times to the nanosecond")
  void fields() throws Exception {
    Entry e = parse(record("l", "a/b", "../t")).get(0);
    assertThat(e.type()).isEqualTo('l');
    assertThat(e.size()).isEqualTo(12);
    assertThat(e.mtime()).isEqualTo(1764129601_123456789L);
    assertThat(e.ctime()).isEqualTo(1764129602_500000000L);
    assertThat(e.mode()).isEqualTo(0644);
    assertThat(e.uid()).isZero();
    assertThat(e.gid()).isEqualTo(1000);
    assertThat(e.pathText()).isEqualTo("a/b");
    assertThat(e.targetText()).isEqualTo("../t");
  }

  @Test
  @DisplayName("keeps every byte of a name: spaces, newline, tab, backslash, non-UTF-8")
  void oddNames() throws Exception {
    String odd = "a b\nc\td\\e\u00ff\u00fe"; // ISO-8859-1: the last two are bytes 0xff 0xfe
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(record("f", odd, ""));
    out.write(record("f", "next", ""));
    List<Entry> all = parse(out.toByteArray());
    assertThat(all).hasSize(2);
    assertThat(all.get(0).path()).isEqualTo(odd.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(all.get(1).pathText()).isEqualTo("next");
  }

  @Test
  @DisplayName("refuses output cut in the middle of an entry")
  void cut() {
    byte[] r = record("f", "x", "");
    byte[] cut = java.util.Arrays.copyOf(r, r.length - 3);
    assertThatThrownBy(() -> parse(cut)).isInstanceOf(EOFException.class);
  }

  @Test
  @DisplayName("refuses a field that is not what find prints")
  void garbage() {
    byte[] r =
        (String.join("\0", "f", "twelve", "1", "1", "644", "0", "0", "x", "") + "\0")
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> parse(r)).hasMessageContaining("unexpected find output");
  }

  @Test
  @DisplayName("parses what the real find prints for odd names made by the shell")
  void realFind() throws Exception {
    Process mk =
        new ProcessBuilder(
                "sh",
                "-c",
                "cd \"$1\" && mkdir t && touch \"t/sp ace\" \"t/new"
                    + "\n"
                    + "line\" \"t/ta\tb\" 't/back\\slash' \"t/$(printf 'bad\\377\\376')\""
                    + " && ln -s 'sp ace' t/link",
                "sh",
                dir.toString())
            .inheritIO()
            .start();
    assertThat(mk.waitFor()).isZero();
    String root = dir.resolve("t").toString();
    Process find = new ProcessBuilder("sh", "-c", CommandHost.listCommand(root)).start();
    List<Entry> all = new ArrayList<>();
    try (InputStream in = find.getInputStream()) {
      FindFormat f = new FindFormat(in);
      for (Entry e; (e = f.next()) != null; ) {
        all.add(e);
      }
    }
    assertThat(find.waitFor()).isZero();
    List<String> names =
        all.stream().map(e -> new String(e.path(), StandardCharsets.ISO_8859_1)).sorted().toList();
    assertThat(names)
        .containsExactly(
            "", "back\\slash", "bad\u00ff\u00fe", "link", "new\nline", "sp ace", "ta\tb");
    Entry link = all.stream().filter(Entry::isLink).findFirst().orElseThrow();
    assertThat(link.targetText()).isEqualTo("sp ace");
    assertThat(all.get(0).isDirectory()).isTrue();
  }
}
