package it.continuo.failover.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.failover.step.AddressSwap.LineChange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Replacing the primary's address in a client's file")
class AddressSwapTest {
  static AddressSwap swap(String from, String to) throws Exception {
    return new AddressSwap(InetAddress.getByName(from), InetAddress.getByName(to));
  }

  @Nested
  @DisplayName("IPv4")
  class Ipv4 {
    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @DisplayName("replaces the whole token, never part of a longer address or name")
    @CsvSource(
        delimiter = '|',
        value = {
          "10.0.0.1 uno uno.ente.lan | 10.0.0.2 uno uno.ente.lan",
          "10.0.0.10 uno | 10.0.0.10 uno",
          "110.0.0.1 uno | 110.0.0.1 uno",
          "210.0.0.1 uno | 210.0.0.1 uno",
          "10.0.0.100 uno | 10.0.0.100 uno",
          "1.10.0.0.1 x | 1.10.0.0.1 x",
          "host10.0.0.1 | host10.0.0.1",
          "10.0.0.1a | 10.0.0.1a",
          "10.0.0.1.example.org | 10.0.0.1.example.org",
          "full address:s:10.0.0.1 | full address:s:10.0.0.2",
          "full address:s:10.0.0.1:3389 | full address:s:10.0.0.2:3389",
          "Server=10.0.0.1;Database=uno | Server=10.0.0.2;Database=uno",
          "url=http://10.0.0.1/uno | url=http://10.0.0.2/uno",
          "net 10.0.0.1/24 | net 10.0.0.2/24",
          "the server is 10.0.0.1. | the server is 10.0.0.2.",
          "10.0.0.1\t10.0.0.1 | 10.0.0.2\t10.0.0.2",
          "10.0.0.2 uno | 10.0.0.2 uno",
        })
    void tokens(String before, String after) throws Exception {
      assertThat(swap("10.0.0.1", "10.0.0.2").swap(before)).isEqualTo(after);
    }
  }

  @Nested
  @DisplayName("IPv6")
  class Ipv6 {
    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @DisplayName("compares by value, writes the shortest form, never matches a longer address")
    @CsvSource(
        delimiter = '|',
        value = {
          "2001:db8::1 uno | 2001:db8::2 uno",
          "2001:DB8:0:0::0001 uno | 2001:db8::2 uno",
          "2001:db8::10 uno | 2001:db8::10 uno",
          "2001:db8::1:1 uno | 2001:db8::1:1 uno",
          "12001:db8::1 uno | 12001:db8::1 uno",
          "[2001:db8::1]:3389 | [2001:db8::2]:3389",
          "full address:s:2001:db8::1 | full address:s:2001:db8::2",
          "2001:db8::1%eth0 | 2001:db8::2%eth0",
          "fe80::2001:db8::1 | fe80::2001:db8::1",
        })
    void tokens(String before, String after) throws Exception {
      assertThat(swap("2001:db8::1", "2001:db8::2").swap(before)).isEqualTo(after);
    }

    @Test
    @DisplayName("writes RFC 5952's shortest form")
    void shortest() throws Exception {
      assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1")))
          .isEqualTo("2001:db8::1:0:0:1");
      assertThat(AddressText.of(InetAddress.getByName("::1"))).isEqualTo("::1");
      assertThat(AddressText.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1")))
          .isEqualTo("2001:db8:0:1:1:1:1:1");
      assertThat(AddressText.of(InetAddress.getByName("fe80::"))).isEqualTo("fe80::");
    }
  }

  @Nested
  @DisplayName("a whole file")
  class WholeFile {
    @Test
    @DisplayName("keeps CRLF and LF line ends and a last line without one")
    void lineEnds() throws Exception {
      String before = "127.0.0.1 localhost\r\n10.0.0.1 uno\r\n10.0.0.1 due\n10.0.0.1 tre";
      assertThat(swap("10.0.0.1", "10.0.0.2").apply(before))
          .isEqualTo("127.0.0.1 localhost\r\n10.0.0.2 uno\r\n10.0.0.2 due\n10.0.0.2 tre");
    }

    @Test
    @DisplayName("lists the changed lines, numbered from 1, without their ends")
    void changes() throws Exception {
      assertThat(swap("10.0.0.1", "10.0.0.2").changes("a\r\n10.0.0.1 uno\r\nb\r\n"))
          .containsExactly(new LineChange(2, "10.0.0.1 uno", "10.0.0.2 uno"));
    }

    @Test
    @DisplayName("leaves whole-line comments alone, and they do not count as holding the address")
    void comments() throws Exception {
      String text = "# 10.0.0.1 was uno\n  ; 10.0.0.1\n// 10.0.0.1\n10.0.0.1 uno # 10.0.0.1\n";
      assertThat(swap("10.0.0.1", "10.0.0.2").apply(text))
          .isEqualTo("# 10.0.0.1 was uno\n  ; 10.0.0.1\n// 10.0.0.1\n10.0.0.2 uno # 10.0.0.2\n");
      assertThat(AddressSwap.holds("# 10.0.0.1 was uno\n", InetAddress.getByName("10.0.0.1")))
          .isFalse();
    }

    @Test
    @DisplayName("no match: nothing changes and the file does not hold the address")
    void noMatch() throws Exception {
      String text = "10.0.0.10 uno\n110.0.0.1 due\n";
      assertThat(swap("10.0.0.1", "10.0.0.2").changes(text)).isEmpty();
      assertThat(swap("10.0.0.1", "10.0.0.2").apply(text)).isEqualTo(text);
      assertThat(AddressSwap.holds(text, InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    @DisplayName("the reverse swap puts the primary back")
    void reverse() throws Exception {
      AddressSwap s = swap("10.0.0.1", "10.0.0.2");
      String text = "10.0.0.1 uno\r\n";
      assertThat(s.reverse().apply(s.apply(text))).isEqualTo(text);
    }
  }

  @Nested
  @DisplayName("encodings")
  class Encodings {
    @Test
    @DisplayName("UTF-16LE with its byte order mark, as Windows writes .rdp files, round-trips")
    void utf16() throws Exception {
      byte[] bom = {(byte) 0xFF, (byte) 0xFE};
      byte[] body = "full address:s:10.0.0.1\r\n".getBytes(StandardCharsets.UTF_16LE);
      byte[] file = new byte[bom.length + body.length];
      System.arraycopy(bom, 0, file, 0, 2);
      System.arraycopy(body, 0, file, 2, body.length);
      TextCodec.Decoded d = TextCodec.decode(file);
      String after = swap("10.0.0.1", "10.0.0.2").apply(d.text());
      byte[] written = d.codec().encode(after);
      assertThat(written).startsWith(bom);
      assertThat(new String(written, 2, written.length - 2, StandardCharsets.UTF_16LE))
          .isEqualTo("full address:s:10.0.0.2\r\n");
      assertThat(d.codec().encode(d.text())).isEqualTo(file);
    }

    @Test
    @DisplayName("UTF-8 with a byte order mark keeps it")
    void utf8Bom() throws Exception {
      byte[] file = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n'};
      TextCodec.Decoded d = TextCodec.decode(file);
      assertThat(d.text()).isEqualTo("a\n");
      assertThat(d.codec().encode(d.text())).isEqualTo(file);
    }

    @Test
    @DisplayName("refuses UTF-16 without a mark and Windows-1252 instead of guessing")
    void refused() {
      assertThatThrownBy(() -> TextCodec.decode("10.0.0.1".getBytes(StandardCharsets.UTF_16LE)))
          .hasMessageContaining("NUL bytes");
      assertThatThrownBy(() -> TextCodec.decode(new byte[] {'c', 'a', 'f', (byte) 0xE8}))
          .hasMessageContaining("is not valid UTF-8");
    }
  }
}
