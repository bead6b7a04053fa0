package it.continuo.archive;

/**
 * An entry met while reading an archive.
 *
 * @param path the name without a trailing '/'
 * @param type what the tar header says it is
 * @param size content bytes (regular files)
 * @param linkName the target of a symlink or hard link, else null
 */
public record ArchiveEntryHeader(String path, Type type, long size, String linkName) {

  /** Tar entry kinds, as far as a restore cares. */
  public enum Type {
    FILE,
    DIR,
    SYMLINK,
    HARDLINK,
    OTHER
  }
}
