/**
 * Where runs are stored: the {@link it.continuo.storage.Target} interface and its implementations
 * ({@code local} for a directory such as a mounted NAS share).
 *
 * <p>A target stores named objects ("keys" with '/' separators). Objects appear atomically: an
 * {@link it.continuo.storage.Upload} is invisible until it is committed, so a crash leaves at most
 * a temporary object that {@link it.continuo.storage.Target#cleanupIncomplete} removes later and
 * that listings never show. Errors are classified where they arise (see {@link
 * it.continuo.storage.TargetException.Kind}) so that callers know what may be retried.
 */
package it.continuo.storage;
