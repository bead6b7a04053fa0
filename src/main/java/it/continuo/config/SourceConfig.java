package it.continuo.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code sources} entry: what to back up.
 *
 * @param name its key in the file
 * @param paths absolute directories or files, none inside another
 * @param exclude glob patterns (see {@link it.continuo.tree.Excludes})
 */
public record SourceConfig(String name, List<Path> paths, List<String> exclude) {}
