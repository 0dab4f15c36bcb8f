/**
 * The cache: {@code CachingStorageBackend}, a decorator over any storage backend with a Caffeine
 * cache of listings and stats (TTL, invalidated by this client's own writes) and a bounded on-disk
 * content cache for reads.
 *
 * <p>This module is an empty shell in this release: the cache arrives with its own issue.
 */
package io.cloudsync.cache;
