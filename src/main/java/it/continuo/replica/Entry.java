package it.continuo.replica;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One file, directory or link of a listed tree, as {@code find -printf} describes it. Paths and
 * link targets are kept as the bytes the file system holds: a name may be any bytes but NUL and
 * '/'.
 *
 * @param path relative to the root, '/'-separated, never empty
 * @param type {@code f} file, {@code d} directory, {@code l} symbolic link; {@code p}, {@code s},
 *     {@code b}, {@code c} and {@code D} the other kinds find knows
 * @param size bytes of a regular file (of the target's name for a link)
 * @param mtime modification time, nanoseconds since the epoch
 * @param ctime status change time, nanoseconds since the epoch (the mtime where it is unknown)
 * @param mode permission bits (07777)
 * @param uid numeric owner
 * @param gid numeric group
 * @param target a link's target, empty for anything else
 */
record Entry(
    byte[] path,
    char type,
    long size,
    long mtime,
    long ctime,
    int mode,
    long uid,
    long gid,
    byte[] target) {

  static final byte[] NONE = new byte[0];

  boolean isFile() {
    return type == 'f';
  }

  boolean isDirectory() {
    return type == 'd';
  }

  boolean isLink() {
    return type == 'l';
  }

  /** The path as text: UTF-8, other bytes as U+FFFD. */
  String pathText() {
    return text(path);
  }

  String targetText() {
    return text(target);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** A rough count of the heap bytes it holds, for sizing sort chunks. */
  int weight() {
    return 128 + path.length + target.length;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(path.length);
    out.write(path);
    out.writeChar(type);
    out.writeLong(size);
    out.writeLong(mtime);
    out.writeLong(ctime);
    out.writeInt(mode);
    out.writeLong(uid);
    out.writeLong(gid);
    out.writeInt(target.length);
    out.write(target);
  }

  static Entry read(DataInput in) throws IOException {
    byte[] path = new byte[in.readInt()];
    in.readFully(path);
    char type = in.readChar();
    long size = in.readLong();
    long mtime = in.readLong();
    long ctime = in.readLong();
    int mode = in.readInt();
    long uid = in.readLong();
    long gid = in.readLong();
    int n = in.readInt();
    byte[] target = n == 0 ? NONE : new byte[n];
    in.readFully(target);
    return new Entry(path, type, size, mtime, ctime, mode, uid, gid, target);
  }
}
