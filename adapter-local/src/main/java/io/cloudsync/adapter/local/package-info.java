/**
 * The embedded default backend: a folder on this machine ({@code local:/path}, {@code
 * file:///path}). Objects are plain files under the root; the backend's own records (SHA-256, user
 * metadata, generations, lock files) live in the reserved folder {@code .cloudsync-store} and never
 * appear in listings.
 */
package io.cloudsync.adapter.local;
