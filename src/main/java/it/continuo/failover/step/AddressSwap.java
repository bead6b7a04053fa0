package it.continuo.failover.step;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Replaces one address by another in a text file, as whole tokens, line by line, keeping each
 * line's end ({@code \n} or {@code \r\n}) as it was.
 *
 * <p>A token is a run of address characters (digits and dots for IPv4; hex digits, colons and dots
 * for IPv6) not glued to a longer word, compared by value: {@code 10.0.0.1} does not match inside
 * {@code 10.0.0.10}, {@code 110.0.0.1} or {@code host10.0.0.1}, and {@code 2001:db8::1} matches
 * {@code 2001:DB8:0::1} too (then written back in the shortest form). It may be followed by a port
 * ({@code :3389}), a prefix ({@code /24}), a sentence's full stop, or be written {@code
 * key:s:10.0.0.1} as in {@code .rdp} files.
 *
 * <p>Whole-line comments (first non-blank characters {@code #}, {@code ;} or {@code //}) are left
 * alone and do not count: a file that names the primary only in a comment lacks it.
 */
final class AddressSwap {
  private static final Pattern IPV4_RUN = Pattern.compile("(?<![0-9.])[0-9.]+");
  private static final Pattern IPV6_RUN = Pattern.compile("(?<![0-9A-Fa-f:.])[0-9A-Fa-f:.]+");

  private final InetAddress from;
  private final InetAddress to;
  private final String toText;

  AddressSwap(InetAddress from, InetAddress to) {
    this.from = from;
    this.to = to;
    this.toText = AddressText.of(to);
  }

  /** The same swap the other way, for the undo. */
  AddressSwap reverse() {
    return new AddressSwap(to, from);
  }

  InetAddress from() {
    return from;
  }

  InetAddress to() {
    return to;
  }

  /** One changed line. */
  record LineChange(int number, String before, String after) {}

  /** The lines that would change, numbered from 1, without their ends. */
  List<LineChange> changes(String text) {
    List<LineChange> changes = new ArrayList<>();
    List<String[]> lines = lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i)[0];
      String after = swap(line);
      if (!after.equals(line)) {
        changes.add(new LineChange(i + 1, line, after));
      }
    }
    return changes;
  }

  /** The text with every token of {@code from} replaced, outside whole-line comments. */
  String apply(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (String[] line : lines(text)) {
      out.append(swap(line[0])).append(line[1]);
    }
    return out.toString();
  }

  /** Whether {@code text} holds {@code address} as a token outside whole-line comments. */
  static boolean holds(String text, InetAddress address) {
    for (String[] line : lines(text)) {
      if (!isComment(line[0]) && !spans(line[0], address).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** One line swapped (a comment comes back as it is). */
  String swap(String line) {
    if (isComment(line)) {
      return line;
    }
    List<int[]> spans = spans(line, from);
    if (spans.isEmpty()) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length() + 16);
    int at = 0;
    for (int[] span : spans) {
      out.append(line, at, span[0]).append(toText);
      at = span[1];
    }
    return out.append(line, at, line.length()).toString();
  }

  static boolean isComment(String line) {
    String s = line.stripLeading();
    return s.startsWith("#") || s.startsWith(";") || s.startsWith("//");
  }

  /** Where {@code address} is written in {@code line}, as [start, end) pairs in order. */
  static List<int[]> spans(String line, InetAddress address) {
    boolean v4 = address instanceof Inet4Address;
    int family = v4 ? Address.IPv4 : Address.IPv6;
    byte[] wanted = address.getAddress();
    List<int[]> spans = new ArrayList<>();
    Matcher m = (v4 ? IPV4_RUN : IPV6_RUN).matcher(line);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      while (end > start && line.charAt(end - 1) == '.') {
        end--; // a full stop after the address
      }
      if (end < m.end() && m.end() < line.length() && glued(line.charAt(m.end()))) {
        continue; // 10.0.0.1.example: a name, not an address
      }
      boolean separator =
          !v4 && end - start > 1 && line.charAt(start) == ':' && line.charAt(start + 1) != ':';
      if (separator) {
        start++; // "s:2001:db8::1": the colon belongs to the key before it
      } else if (start > 0 && glued(line.charAt(start - 1))) {
        continue; // part of a longer word, e.g. host10.0.0.1
      }
      if (end < line.length() && glued(line.charAt(end))) {
        continue;
      }
      String token = line.substring(start, end);
      if (v4 && token.indexOf('.') < 0 || !v4 && token.indexOf(':') < 0) {
        continue;
      }
      byte[] found = Address.toByteArray(token, family);
      if (found != null && Arrays.equals(found, wanted)) {
        spans.add(new int[] {start, end});
      }
    }
    return spans;
  }

  /** A character that makes an address part of a longer word or name. */
  private static boolean glued(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** Each line as {content, end}, the end being "\n", "\r\n" or "" for a last line without one. */
  static List<String[]> lines(String text) {
    List<String[]> lines = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        lines.add(new String[] {text.substring(at), ""});
        break;
      }
      int contentEnd = nl > at && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      lines.add(new String[] {text.substring(at, contentEnd), text.substring(contentEnd, nl + 1)});
      at = nl + 1;
    }
    return lines;
  }
}
