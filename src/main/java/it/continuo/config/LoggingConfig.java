package it.continuo.config;

import java.nio.file.Path;

/**
 * The {@code logging} section: besides the console (the journal, under systemd), the daemon can
 * write one JSON object per line to a file that is rotated by size.
 *
 * @param json the JSON log file
 * @param maxFileSize bytes after which the file is rotated
 * @param maxFiles rotated files kept
 */
public record LoggingConfig(Path json, long maxFileSize, int maxFiles) {}
