package it.continuo.archive;

/** The size and SHA-256 of an archive as stored. */
public record ArchiveDigest(long size, String sha256) {}
