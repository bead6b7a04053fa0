/**
 * Wrappers that add a behaviour to any {@link it.continuo.storage.Target}, so that no target
 * implements it itself: {@link it.continuo.storage.wrap.RetryingTarget} (transient errors retried
 * with backoff, interrupted uploads resumed from their last durable byte), {@link
 * it.continuo.storage.wrap.ThrottledTarget} (a bandwidth limit) and {@link
 * it.continuo.storage.wrap.FaultyTarget} (injected transient faults, for tests).
 */
package it.continuo.storage.wrap;
