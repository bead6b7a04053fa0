/**
 * Stream plumbing shared by archives, manifests and targets: streams that hash and count what
 * passes through them, a bounded hand-off between a producer and a consumer thread, and the
 * once-per-process warm-ups that get hot code compiled before it is needed.
 *
 * <p>Nothing here touches the file system or the network by itself; a failure is whatever the
 * wrapped stream throws.
 */
package it.continuo.io;
