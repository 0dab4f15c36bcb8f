/**
 * The offline queue: a durable SQLite queue of the operations taken while a backend is unreachable,
 * each with the base version it was made against, replayed in order on reconnect with coalescing (a
 * write then a delete becomes the delete; two writes become the last) and every replayed write
 * conditional, so remote changes made meanwhile surface as conflicts.
 *
 * <p>This module is an empty shell in this release: the queue arrives with its own issue, and until
 * then {@code CloudStorageManager.enableOfflineMode} and {@code getOfflineQueue} say so.
 */
package io.cloudsync.queue;
