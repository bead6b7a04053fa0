package it.continuo.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;

/** Writes trees with every kind of entry that trips up backup tools. */
public final class OddTree {
  private OddTree() {}

  /** Populates {@code root} (which must exist) with the awkward cases. */
  public static void populate(Path root) throws IOException {
    // long names: a 200-byte component and a total path well over 255 bytes
    String longName = "n".repeat(200);
    Path deep =
        root.resolve("long").resolve(longName).resolve("d".repeat(120)).resolve("e".repeat(90));
    Files.createDirectories(deep);
    write(deep.resolve("f".repeat(240) + ".txt"), "deep and long\n");

    // UTF-8, spaces, newlines, tabs, quotes, backslashes
    Path names = Files.createDirectories(root.resolve("nomi strani"));
    write(names.resolve("città è già.txt"), "accenti\n");
    write(names.resolve("файл.txt"), "кириллица\n");
    write(names.resolve("日本語のファイル.txt"), "日本語\n");
    write(names.resolve("emoji 😀 file.txt"), "four-byte UTF-8\n");
    write(names.resolve("line\nbreak.txt"), "newline in the name\n");
    write(names.resolve("tab\there"), "tab\n");
    write(names.resolve("quote\"and\\backslash"), "quote\n");
    write(names.resolve(" leading and trailing space "), "spaces\n");
    write(names.resolve("-dash"), "dash\n");

    // empty directories and zero-byte files
    Files.createDirectories(root.resolve("empty/nested/deeper"));
    Files.createFile(root.resolve("zero"));
    Files.createFile(names.resolve("zero too"));

    // symlinks: relative, absolute, dangling, to a directory
    Path links = Files.createDirectories(root.resolve("links"));
    Files.createSymbolicLink(links.resolve("relative"), Path.of("../nomi strani/città è già.txt"));
    Files.createSymbolicLink(links.resolve("absolute"), Path.of("/etc/hostname"));
    Files.createSymbolicLink(links.resolve("dangling"), Path.of("nowhere/at/all"));
    Files.createSymbolicLink(links.resolve("to dir"), Path.of("../empty"));

    // hard links, within a directory and across directories
    Path hard = Files.createDirectories(root.resolve("hard/sub"));
    write(root.resolve("hard/original"), "shared content\n".repeat(100));
    Files.createLink(root.resolve("hard/second"), root.resolve("hard/original"));
    Files.createLink(hard.resolve("third"), root.resolve("hard/original"));

    // a file bigger than the read buffers, with incompressible content
    byte[] random = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(random);
    Files.write(root.resolve("random.bin"), random);

    // odd modes
    Path modes = Files.createDirectories(root.resolve("modes"));
    mode(write(modes.resolve("setuid"), "#!/bin/sh\n"), 04755);
    mode(write(modes.resolve("setgid"), "g\n"), 02750);
    mode(write(modes.resolve("read-only"), "ro\n"), 0444);
    mode(write(modes.resolve("private"), "secret\n"), 0600);
    mode(write(modes.resolve("nothing"), "none\n"), 0000);
    Path sticky = Files.createDirectories(modes.resolve("sticky"));
    write(sticky.resolve("inside"), "x\n");
    mode(sticky, 01777);
    Path readOnlyDir = Files.createDirectories(modes.resolve("read-only dir"));
    write(readOnlyDir.resolve("inside"), "y\n");
    mode(readOnlyDir, 0555);

    // mtimes with nanoseconds, old and new, on files, directories and symlinks
    mtime(root.resolve("zero"), "2001-02-03T04:05:06.123456789Z");
    mtime(names.resolve("città è già.txt"), "1999-12-31T23:59:59.999999999Z");
    mtime(root.resolve("random.bin"), "2026-01-02T03:04:05.000000001Z");
    Files.getFileAttributeView(
            links.resolve("dangling"),
            java.nio.file.attribute.BasicFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(Instant.parse("2010-10-10T10:10:10.101010101Z")), null, null);
    mtime(root.resolve("empty/nested"), "2005-05-05T05:05:05.5Z");
    mtime(readOnlyDir, "2015-06-07T08:09:10.111213141Z");
  }

  /** Adds an 8 GiB + 1 byte sparse file (a hole with a few bytes of data at the end). */
  public static Path sparse(Path root, String name) throws IOException {
    Path file = root.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(8L * 1024 * 1024 * 1024 - 10);
      f.write("tail bytes!".getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }

  public static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  public static Path mode(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    return p;
  }

  public static Path mtime(Path p, String instant) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(Instant.parse(instant)));
    return p;
  }
}
