package it.continuo.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses an entry line as {@link ManifestCodec#entry} writes it (a flat JSON object of strings,
 * numbers and booleans) straight from its UTF-8 bytes. An incremental backup reads a whole manifest
 * of its parent, one line per file; a general JSON parser made that a measurable part of the run.
 * Anything this parser does not expect (a nested value, an unknown field, odd spacing) makes it
 * return null, and the line goes to the general parser instead.
 */
final class EntryLineParser {
  private byte[] b;
  private int pos;
  private int end;
  private final StringBuilder text = new StringBuilder(128);

  /** The entry, or null when the line is not a plain entry line. */
  ManifestEntry parse(byte[] buffer, int offset, int length) throws ManifestException {
    b = buffer;
    pos = offset;
    end = offset + length;
    while (end > pos && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
      end--;
    }
    if (!expect('{')) {
      return null;
    }
    String path = null, type = null, mtime = null, ctime = null, mode = null, user = null;
    String group = null, target = null, sha256 = null, run = null, error = null;
    long size = 0, ino = 0, uid = 0, gid = 0;
    boolean changed = false;
    if (peek() == '}') {
      return null;
    }
    while (true) {
      String key = string();
      if (key == null || !expect(':')) {
        return null;
      }
      switch (key) {
        case "path" -> path = string();
        case "type" -> type = string();
        case "mtime" -> mtime = string();
        case "ctime" -> ctime = string();
        case "mode" -> mode = string();
        case "user" -> user = string();
        case "group" -> group = string();
        case "target" -> target = string();
        case "sha256" -> sha256 = string();
        case "run" -> run = string();
        case "error" -> error = string();
        case "size" -> size = number();
        case "ino" -> ino = number();
        case "uid" -> uid = number();
        case "gid" -> gid = number();
        case "changed" -> {
          Boolean v = bool();
          if (v == null) {
            return null;
          }
          changed = v;
        }
        default -> {
          return null; // a field of a later version, or a header or footer line
        }
      }
      if (pos < 0) {
        return null; // a value of an unexpected kind
      }
      if (peek() == ',') {
        pos++;
        continue;
      }
      if (expect('}') && pos == end) {
        break;
      }
      return null;
    }
    if (path == null || type == null || mtime == null || mode == null) {
      return null; // the general parser will say what is missing
    }
    int modeBits;
    Instant m;
    Instant c;
    try {
      modeBits = Integer.parseInt(mode, 8);
      m = Timestamps.parse(mtime);
      c = ctime == null ? null : Timestamps.parse(ctime);
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
    return new ManifestEntry(
        path,
        EntryType.fromJson(type),
        size,
        m,
        c,
        ino,
        modeBits,
        uid,
        gid,
        user,
        group,
        target,
        sha256,
        run,
        changed,
        error);
  }

  private int peek() {
    return pos >= 0 && pos < end ? b[pos] : -1;
  }

  private boolean expect(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private long number() {
    int start = pos;
    boolean negative = expect('-');
    long v = 0;
    int digits = 0;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      v = v * 10 + (b[pos++] - '0');
      digits++;
    }
    if (digits == 0 || digits > 18) {
      pos = -1;
      return 0;
    }
    return negative ? -v : v;
  }

  private Boolean bool() {
    if (match("true")) {
      return Boolean.TRUE;
    }
    if (match("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  private boolean match(String word) {
    if (pos < 0 || end - pos < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += word.length();
    return true;
  }

  /** A JSON string; sets pos to -1 and returns null if there is none. */
  private String string() {
    if (!expect('"')) {
      pos = -1;
      return null;
    }
    int start = pos;
    while (pos < end && b[pos] != '"' && b[pos] != '\\') {
      pos++;
    }
    if (pos < end && b[pos] == '"') {
      return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
    }
    // escapes: decode the plain run so far, then character by character
    text.setLength(0);
    text.append(new String(b, start, pos - start, StandardCharsets.UTF_8));
    while (pos < end) {
      byte c = b[pos];
      if (c == '"') {
        pos++;
        return text.toString();
      }
      if (c != '\\') {
        int runStart = pos;
        while (pos < end && b[pos] != '"' && b[pos] != '\\') {
          pos++;
        }
        text.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
        continue;
      }
      if (pos + 1 >= end) {
        break;
      }
      byte e = b[pos + 1];
      pos += 2;
      switch (e) {
        case '"' -> text.append('"');
        case '\\' -> text.append('\\');
        case '/' -> text.append('/');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'u' -> {
          if (pos + 4 > end) {
            pos = -1;
            return null;
          }
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(b[pos + i], 16);
            if (d < 0) {
              pos = -1;
              return null;
            }
            v = v * 16 + d;
          }
          pos += 4;
          text.append((char) v);
        }
        default -> {
          pos = -1;
          return null;
        }
      }
    }
    pos = -1;
    return null;
  }
}
