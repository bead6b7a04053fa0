package it.continuo.manifest;

import java.nio.charset.StandardCharsets;

/**
 * Builds one JSON object on one line. Manifests are written millions of lines at a time, so this
 * stays small and allocation-light instead of going through a general JSON library; readers still
 * parse with one.
 */
final class JsonLine {
  private final StringBuilder out = new StringBuilder(256);
  private boolean first = true;

  JsonLine open() {
    out.setLength(0);
    out.append('{');
    first = true;
    return this;
  }

  JsonLine field(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  JsonLine field(String name, java.time.Instant value) {
    name(name);
    out.append('"');
    Timestamps.append(out, value);
    out.append('"');
    return this;
  }

  JsonLine field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonLine field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonLine openObject(String name) {
    name(name);
    out.append('{');
    first = true;
    return this;
  }

  JsonLine openArray(String name) {
    name(name);
    out.append('[');
    first = true;
    return this;
  }

  JsonLine element(String value) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(value);
    return this;
  }

  JsonLine closeArray() {
    out.append(']');
    first = false;
    return this;
  }

  JsonLine closeObject() {
    out.append('}');
    first = false;
    return this;
  }

  /** The finished line, with its newline, as UTF-8. */
  byte[] close() {
    out.append("}\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    out.append('"').append(name).append("\":");
  }

  /** A JSON string; the runs of characters that need no escape, most names whole, in one append. */
  private void string(String s) {
    out.append('"');
    int plain = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isSurrogate(c) && validSurrogate(s, i)) {
        continue;
      }
      out.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append("\\u").append(String.format("%04x", (int) c));
      }
    }
    out.append(s, plain, s.length());
    out.append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
