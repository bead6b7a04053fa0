/**
 * The {@code local} target: a directory, typically a mounted NAS share.
 *
 * <p>An upload is written to a hidden temporary file beside its final name ({@code
 * .NAME.RANDOM.partial}), forced to disk, renamed into place and the directory forced too, so a
 * crash or power cut leaves either the previous state or the complete object. Temporary files left
 * by a crash are never listed and are deleted by {@code cleanupIncomplete}. The root directory must
 * already exist: a missing root usually means an unmounted share, and writing into the empty mount
 * point would fill the system disk instead.
 */
package it.continuo.storage.local;
