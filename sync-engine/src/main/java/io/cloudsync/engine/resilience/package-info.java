/**
 * Resilience and throughput building blocks: retries with exponential backoff and jitter around
 * every backend call ({@link io.cloudsync.engine.resilience.RetryingBackend}), resumable downloads,
 * and a bandwidth limit shared by all transfers of a run ({@link
 * io.cloudsync.engine.resilience.BandwidthLimiter}).
 */
package io.cloudsync.engine.resilience;
