package io.cloudsync.core;

/**
 * One entry of a remote listing: either a {@link RemoteFile} with a valid key, or a {@link
 * RejectedKey} whose name could not be trusted. Listings report rejected keys instead of dropping
 * them silently, so a user learns that something on the remote was skipped and why.
 */
public sealed interface ListEntry permits RemoteFile, RejectedKey {}
