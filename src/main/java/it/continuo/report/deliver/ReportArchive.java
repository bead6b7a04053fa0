package it.continuo.report.deliver;

import it.continuo.io.Trees;
import it.continuo.report.RenderedReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports kept on disk, one directory per day; see the {@linkplain it.continuo.report.deliver
 * package} for how a day is written so that a reader never sees it half-written. Saving and pruning
 * are serialized; reading needs no lock.
 */
public final class ReportArchive {
  private static final Logger log = LoggerFactory.getLogger(ReportArchive.class);
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern LEFTOVER =
      Pattern.compile("\\.(tmp|old)-(\\d{4}-\\d{2}-\\d{2})-[0-9a-f-]+");

  /** The forms a report is kept in. */
  public enum Format {
    HTML("report.html", "text/html; charset=utf-8"),
    PDF("report.pdf", "application/pdf"),
    JSON("report.json", "application/json; charset=utf-8");

    private final String fileName;
    private final String contentType;

    Format(String fileName, String contentType) {
      this.fileName = fileName;
      this.contentType = contentType;
    }

    /** The file's name in a day's directory. */
    public String fileName() {
      return fileName;
    }

    /** The {@code Content-Type} it is served with. */
    public String contentType() {
      return contentType;
    }

    byte[] of(RenderedReport report) {
      return switch (this) {
        case HTML -> report.html().getBytes(StandardCharsets.UTF_8);
        case PDF -> report.pdf();
        case JSON -> report.json();
      };
    }
  }

  private final Path dir;
  private final int keepDays;
  private final Clock clock;

  /**
   * @param dir the archive, {@code dataDir/reports}; created by the first save
   * @param keepDays {@link #prune()} deletes the days more than this many days before today
   * @param clock today, in the clock's zone
   */
  public ReportArchive(Path dir, int keepDays, Clock clock) {
    if (keepDays < 1) {
      throw new IllegalArgumentException("keepDays must be at least 1, not " + keepDays);
    }
    this.dir = dir;
    this.keepDays = keepDays;
    this.clock = clock;
  }

  /** The archive's directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Keeps the report as the day of {@link RenderedReport#date()}, replacing what that day held.
   *
   * @return the day's directory
   * @throws IOException when it cannot be written; the day then holds what it held before
   */
  public synchronized Path save(RenderedReport report) throws IOException {
    Files.createDirectories(dir);
    tidy();
    String day = report.date().toString();
    Path temp = dir.resolve(".tmp-" + day + "-" + UUID.randomUUID());
    Files.createDirectory(temp);
    try {
      for (Format format : Format.values()) {
        write(temp.resolve(format.fileName()), format.of(report));
      }
      sync(temp);
    } catch (IOException e) {
      Trees.delete(temp);
      throw new IOException("cannot write the report of " + day + " in " + dir + ": " + e, e);
    }
    Path target = dir.resolve(day);
    Path aside = null;
    if (Files.exists(target)) {
      aside = dir.resolve(".old-" + day + "-" + UUID.randomUUID());
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (aside != null) {
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE); // the day as it was
      }
      Trees.delete(temp);
      throw new IOException(
          "cannot put the report of " + day + " in place in " + dir + ": " + e, e);
    }
    sync(dir);
    if (aside != null) {
      Trees.delete(aside);
    }
    log.info("Report of {} kept in {}", day, target);
    return target;
  }

  /** The days kept, newest first. */
  public List<LocalDate> dates() throws IOException {
    List<LocalDate> days = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return days;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Optional<LocalDate> day = day(entry.getFileName().toString());
        if (day.isPresent() && Files.isDirectory(entry)) {
          days.add(day.get());
        }
      }
    }
    days.sort(Comparator.reverseOrder());
    return days;
  }

  /** The newest day kept, if any. */
  public Optional<LocalDate> latest() throws IOException {
    return dates().stream().findFirst();
  }

  /** The file of a day in a format, if that day is kept. */
  public Optional<Path> file(LocalDate date, Format format) {
    Path file = dir.resolve(date.toString()).resolve(format.fileName());
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Deletes the days more than {@code keepDays} before today: with 30, on 2026-11-26 the day
   * 2026-10-27 is kept and 2026-10-26 is deleted. Other names are left alone.
   *
   * @return the days deleted, newest first
   */
  public synchronized List<LocalDate> prune() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    tidy();
    LocalDate oldestKept = LocalDate.now(clock).minusDays(keepDays);
    List<LocalDate> deleted = new ArrayList<>();
    for (LocalDate day : dates()) {
      if (day.isBefore(oldestKept)) {
        Path aside = dir.resolve(".old-" + day + "-" + UUID.randomUUID());
        Files.move(dir.resolve(day.toString()), aside, StandardCopyOption.ATOMIC_MOVE);
        Trees.delete(aside);
        deleted.add(day);
      }
    }
    if (!deleted.isEmpty()) {
      sync(dir);
      log.info("Deleted {} reports older than {} days: {}", deleted.size(), keepDays, deleted);
    }
    return deleted;
  }

  /** Deletes half-written days, and puts back a day a crash left aside. */
  private void tidy() throws IOException {
    List<Path> leftovers = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(leftovers::add);
    }
    for (Path entry : leftovers) {
      Matcher m = LEFTOVER.matcher(entry.getFileName().toString());
      if (!m.matches() || !Files.isDirectory(entry)) {
        continue;
      }
      Path day = dir.resolve(m.group(2));
      if (m.group(1).equals("old") && !Files.exists(day)) {
        Files.move(entry, day, StandardCopyOption.ATOMIC_MOVE);
        log.warn("Put back the report of {}, left aside by an interrupted save", m.group(2));
      } else {
        Trees.delete(entry);
        log.info("Deleted {}, left behind by an interrupted save or prune", entry);
      }
    }
  }

  private static Optional<LocalDate> day(String name) {
    if (!DAY.matcher(name).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // 2026-13-45 is not a day
    }
  }

  private static void write(Path file, byte[] content) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
  }

  /** Makes a directory's entries durable (Linux: fsync of the directory). */
  private static void sync(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
