/**
 * The cloudsync domain: keys, hashes, version tokens, remote files, sync operations and conflicts,
 * with the {@link io.cloudsync.core.Clock} and {@link io.cloudsync.core.ContentHasher} ports. Pure
 * Java: nothing here knows a framework, an SDK or a file format.
 */
package io.cloudsync.core;
