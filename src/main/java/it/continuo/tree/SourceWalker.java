package it.continuo.tree;

import it.continuo.manifest.TreeOrder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks source roots depth first in {@link TreeOrder}. Roots must be absolute and must not lie
 * inside one another; they are visited in tree order, so the whole walk is in tree order.
 */
public final class SourceWalker {
  private final Excludes excludes;
  private final List<Path> roots;
  private int nextRoot;
  private final Deque<Level> stack = new ArrayDeque<>();

  /** The sorted remaining children of one directory being walked. */
  private record Level(Path dir, String path, List<String> names, int[] next) {}

  public SourceWalker(List<Path> roots, Excludes excludes) {
    List<Path> sorted = new ArrayList<>(roots);
    sorted.sort((a, b) -> TreeOrder.compare(relative(a), relative(b)));
    this.roots = sorted;
    this.excludes = excludes;
  }

  /** The archive name of an absolute path: the path without its leading '/'. */
  public static String relative(Path absolute) {
    String s = absolute.toString();
    return s.startsWith("/") ? s.substring(1) : s;
  }

  /**
   * The next entry, or null when the walk is over.
   *
   * @throws IOException when a root cannot be read at all (missing or not accessible)
   */
  public FileInfo next() throws IOException {
    while (true) {
      Level top = stack.peek();
      if (top == null) {
        if (nextRoot == roots.size()) {
          return null;
        }
        Path root = roots.get(nextRoot++);
        FileInfo info = FileStat.lstat(root, relative(root));
        return enter(info);
      }
      if (top.next[0] == top.names.size()) {
        stack.pop();
        continue;
      }
      String name = top.names.get(top.next[0]++);
      Path file = top.dir.resolve(name);
      if (excludes.excludes(file)) {
        continue;
      }
      String path = top.path + "/" + name;
      if (name.indexOf('\uFFFD') >= 0) {
        return FileInfo.unreadable(file, path, "name is not valid UTF-8");
      }
      FileInfo info;
      try {
        info = FileStat.lstat(file, path);
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // deleted since the directory was listed
      } catch (IOException e) {
        return FileInfo.unreadable(file, path, reason(e));
      }
      return enter(info);
    }
  }

  private FileInfo enter(FileInfo info) {
    if (info.kind() != FileKind.DIR) {
      return info;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(info.file())) {
      for (Path child : children) {
        names.add(child.getFileName().toString());
      }
    } catch (IOException e) {
      return info.withNote("cannot list directory: " + reason(e));
    }
    names.sort(TreeOrder.PATHS);
    stack.push(new Level(info.file(), info.path(), names, new int[1]));
    return info;
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }

  /** Iterates what is left; for tests and tools. */
  public List<FileInfo> remaining() throws IOException {
    List<FileInfo> all = new ArrayList<>();
    for (FileInfo f = next(); f != null; f = next()) {
      all.add(f);
    }
    return all;
  }
}
