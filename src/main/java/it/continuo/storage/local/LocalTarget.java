package it.continuo.storage.local;

import it.continuo.storage.Keys;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.ObjectNotFoundException;
import it.continuo.storage.Target;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A target that is a directory of the local file system. */
public final class LocalTarget implements Target {
  static final String PARTIAL_SUFFIX = ".partial";

  private final String name;
  private final Path root;

  public LocalTarget(String name, Path root) throws TargetException {
    this.name = name;
    this.root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.root)) {
      throw new TargetException(
          Kind.PERMANENT,
          "target "
              + name
              + ": directory "
              + this.root
              + " does not exist (is the share mounted?)");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return "local " + root;
  }

  Path resolve(String key) throws TargetException {
    return root.resolve(Keys.check(key));
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path file = resolve(key);
    try {
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw classify(e, "reading " + key);
    }
  }

  @Override
  public InputStream openRange(String key, long offset, long length) throws IOException {
    Path file = resolve(key);
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      channel.position(offset);
      return new RangeInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw classify(e, "reading " + key);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    Path file = resolve(key);
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile()
          ? Optional.of(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw classify(e, "reading " + key);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? root : root.resolve(Keys.check(prefix.substring(0, slash)));
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<ObjectInfo> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (isPartial(fileName)) {
          continue;
        }
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String key = root.relativize(file).toString();
        if (a.isRegularFile() && key.startsWith(prefix)) {
          objects.add(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException cause =
          e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
      throw classify(cause, "listing " + prefix);
    }
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  @Override
  public Upload create(String key) throws IOException {
    Path file = resolve(key);
    try {
      Files.createDirectories(file.getParent());
      return new LocalUpload(this, key, file);
    } catch (IOException e) {
      throw classify(e, "writing " + key);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (IOException e) {
      throw classify(e, "deleting " + key);
    }
  }

  @Override
  public void cleanupIncomplete(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? root : root.resolve(Keys.check(prefix.substring(0, slash)));
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (isPartial(file.getFileName().toString())) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw classify(e, "cleaning " + prefix);
    }
  }

  static boolean isPartial(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(PARTIAL_SUFFIX);
  }

  /** Turns a file-system error into a classified target error with a readable message. */
  TargetException classify(IOException e, String doing) {
    if (e instanceof TargetException t) {
      return t;
    }
    String where = "target " + name + " (" + root + "): ";
    if (e instanceof NoSuchFileException) {
      return new ObjectNotFoundException(where + "not found while " + doing, e);
    }
    String reason = e.getMessage();
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      reason = fse.getReason();
    }
    String lower = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
    Kind kind =
        e instanceof AccessDeniedException
                || lower.contains("no space")
                || lower.contains("read-only")
                || lower.contains("quota")
            ? Kind.PERMANENT
            : Kind.TRANSIENT;
    return new TargetException(kind, where + reason + " while " + doing, e);
  }
}
