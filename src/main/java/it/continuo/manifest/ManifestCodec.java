package it.continuo.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of manifest lines. Field names are part of the on-disk format. */
final class ManifestCodec {
  static final String FORMAT = "continuo-manifest";
  static final int VERSION = 1;

  private ManifestCodec() {}

  static byte[] header(JsonLine j, ManifestHeader h) {
    j.open().field("format", FORMAT).field("version", VERSION);
    j.field("run", h.run()).field("job", h.job()).field("level", h.level());
    if (h.parent() != null) {
      j.field("parent", h.parent());
    }
    j.field("agent", h.agent()).field("host", h.host()).field("start", h.start());
    j.field("software", h.software()).openArray("sources");
    for (String s : h.sources()) {
      j.element(s);
    }
    return j.closeArray().close();
  }

  static byte[] entry(JsonLine j, ManifestEntry e) {
    j.open().field("path", e.path()).field("type", e.type().json());
    if (e.type() == EntryType.FILE || e.type() == EntryType.HARDLINK) {
      j.field("size", e.size());
    }
    j.field("mtime", e.mtime()).field("mode", octal(e.mode()));
    j.field("uid", e.uid()).field("gid", e.gid());
    if (e.user() != null) {
      j.field("user", e.user());
    }
    if (e.group() != null) {
      j.field("group", e.group());
    }
    if (e.target() != null) {
      j.field("target", e.target());
    }
    if (e.sha256() != null) {
      j.field("sha256", e.sha256());
    }
    if (e.run() != null) {
      j.field("run", e.run());
    }
    if (e.changedWhileRead()) {
      j.field("changed", true);
    }
    if (e.error() != null) {
      j.field("error", e.error());
    }
    if (e.ctime() != null) {
      j.field("ctime", e.ctime());
    }
    return j.field("ino", e.inode()).close();
  }

  static byte[] footer(JsonLine j, ManifestFooter f) {
    j.open().openObject("footer");
    j.field("run", f.run()).field("level", f.level());
    if (f.parent() != null) {
      j.field("parent", f.parent());
    }
    j.field("start", f.start()).field("end", f.end());
    j.field("entries", f.entries()).field("files", f.files()).field("treeBytes", f.treeBytes());
    j.field("new", f.newFiles()).field("changed", f.changedFiles());
    j.field("unchanged", f.unchangedFiles()).field("deleted", f.deleted());
    j.field("bytesRead", f.bytesRead()).field("changedWhileRead", f.changedWhileRead());
    j.field("unreadable", f.unreadable()).field("skipped", f.skipped());
    j.openObject("archive").field("name", f.archive()).field("size", f.archiveSize());
    j.field("sha256", f.archiveSha256()).closeObject();
    j.openArray("needs");
    for (String run : f.needs()) {
      j.element(run);
    }
    return j.closeArray().closeObject().close();
  }

  static String octal(int mode) {
    String s = Integer.toOctalString(mode & 07777);
    return "0000".substring(Math.min(4, s.length())) + s;
  }

  /** A parsed line: exactly one of the three is set. */
  record Line(ManifestHeader header, ManifestEntry entry, ManifestFooter footer) {}

  /** Reads the next line, or returns null at the end of the input. */
  static Line read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw malformed(p, "expected an object");
    }
    Fields f = new Fields();
    readObject(p, f);
    if (f.footer != null) {
      return new Line(null, null, f.footer);
    }
    if (FORMAT.equals(f.format)) {
      return new Line(f.header(p), null, null);
    }
    return new Line(null, f.entry(p), null);
  }

  private static void readObject(JsonParser p, Fields f) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "path" -> f.path = p.getText();
        case "type" -> f.type = p.getText();
        case "size" -> f.size = p.getLongValue();
        case "mtime" -> f.mtime = p.getText();
        case "ctime" -> f.ctime = p.getText();
        case "ino" -> f.ino = p.getLongValue();
        case "mode" -> f.mode = p.getText();
        case "uid" -> f.uid = p.getLongValue();
        case "gid" -> f.gid = p.getLongValue();
        case "user" -> f.user = p.getText();
        case "group" -> f.group = p.getText();
        case "target" -> f.target = p.getText();
        case "sha256" -> f.sha256 = p.getText();
        case "run" -> f.run = p.getText();
        case "changed" -> {
          if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            f.changed = p.getBooleanValue();
          } else {
            f.changedCount = p.getLongValue();
          }
        }
        case "error" -> f.error = p.getText();
        case "format" -> f.format = p.getText();
        case "version" -> f.version = p.getIntValue();
        case "job" -> f.job = p.getText();
        case "level" -> f.level = p.getText();
        case "parent" -> f.parent = p.getText();
        case "agent" -> f.agent = p.getText();
        case "host" -> f.host = p.getText();
        case "start" -> f.start = p.getText();
        case "end" -> f.end = p.getText();
        case "software" -> f.software = p.getText();
        case "sources" -> f.sources = strings(p);
        case "needs" -> f.needs = strings(p);
        case "footer" -> {
          Fields inner = new Fields();
          readObject(p, inner);
          f.footer = inner.footer(p);
        }
        case "archive" -> {
          Fields inner = new Fields();
          readObject(p, inner);
          f.archiveName = inner.name;
          f.archiveSize = inner.size;
          f.archiveSha256 = inner.sha256;
        }
        case "name" -> f.name = p.getText();
        case "entries" -> f.entries = p.getLongValue();
        case "files" -> f.files = p.getLongValue();
        case "treeBytes" -> f.treeBytes = p.getLongValue();
        case "new" -> f.newFiles = p.getLongValue();
        case "unchanged" -> f.unchanged = p.getLongValue();
        case "deleted" -> f.deleted = p.getLongValue();
        case "bytesRead" -> f.bytesRead = p.getLongValue();
        case "changedWhileRead" -> f.changedWhileRead = p.getLongValue();
        case "unreadable" -> f.unreadable = p.getLongValue();
        case "skipped" -> f.skipped = p.getLongValue();
        default -> p.skipChildren(); // fields of later versions are ignored
      }
    }
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> list = new ArrayList<>();
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw malformed(p, "expected an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.add(p.getText());
    }
    return list;
  }

  static ManifestException malformed(JsonParser p, String what) {
    return new ManifestException(what);
  }

  /** Mutable holder for the fields of one line while it is parsed. */
  private static final class Fields {
    String path, type, mtime, ctime, mode, user, group, target, sha256, run, error;
    String format, job, level, parent, agent, host, start, end, software, name;
    String archiveName, archiveSha256;
    List<String> sources = List.of(), needs = List.of();
    long size, ino, uid, gid, entries, files, treeBytes, newFiles, unchanged, deleted;
    long bytesRead, changedWhileRead, unreadable, skipped, changedCount, archiveSize;
    int version;
    boolean changed;
    ManifestFooter footer;

    ManifestHeader header(JsonParser p) throws ManifestException {
      if (version != VERSION) {
        throw malformed(p, "unsupported manifest version " + version);
      }
      require(p, run, "run");
      require(p, level, "level");
      return new ManifestHeader(
          run, job, level, parent, agent, host, instant(p, start, "start"), software, sources);
    }

    ManifestEntry entry(JsonParser p) throws ManifestException {
      require(p, path, "path");
      require(p, type, "type");
      int modeBits;
      try {
        modeBits = mode == null ? 0 : Integer.parseInt(mode, 8);
      } catch (NumberFormatException e) {
        throw malformed(p, "bad mode \"" + mode + "\" of " + path);
      }
      return new ManifestEntry(
          path,
          EntryType.fromJson(type),
          size,
          instant(p, mtime, "mtime"),
          ctime == null ? null : instant(p, ctime, "ctime"),
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

    ManifestFooter footer(JsonParser p) throws ManifestException {
      require(p, run, "footer.run");
      return new ManifestFooter(
          run,
          level,
          parent,
          instant(p, start, "footer.start"),
          instant(p, end, "footer.end"),
          entries,
          files,
          treeBytes,
          newFiles,
          changedCount,
          unchanged,
          deleted,
          bytesRead,
          changedWhileRead,
          unreadable,
          skipped,
          archiveName,
          archiveSize,
          archiveSha256,
          needs);
    }

    private static void require(JsonParser p, String value, String name) throws ManifestException {
      if (value == null) {
        throw malformed(p, "missing \"" + name + "\"");
      }
    }

    private static Instant instant(JsonParser p, String value, String name)
        throws ManifestException {
      require(p, value, name);
      try {
        return Timestamps.parse(value);
      } catch (DateTimeParseException e) {
        throw malformed(p, "bad time \"" + value + "\" in " + name);
      }
    }
  }
}
