/**
 * Stream plumbing shared by archives, manifests and targets: streams that hash and count what
 * passes through them, and a bounded hand-off between a producer and a consumer thread.
 *
 * <p>Nothing here touches the file system or the network by itself; a failure is whatever the
 * wrapped stream throws.
 */
package it.continuo.io;
