/**
 * Tools for proving and testing storage backends: {@link
 * io.cloudsync.testkit.StorageBackendContract}, the conformance suite every adapter's test extends;
 * {@link io.cloudsync.testkit.InMemoryBackend} ({@code mem://name}), a complete backend on the heap
 * for engine tests; {@link io.cloudsync.testkit.FaultInjectingBackend}, a decorator that injects
 * transient faults, throttling, latency, truncated reads and outages; {@link
 * io.cloudsync.testkit.GeneratedContent}, deterministic content of any size generated as it is
 * read; and {@link io.cloudsync.testkit.TreeGenerator}, which writes and mutates deterministic
 * folder trees for tests and benchmarks.
 */
package io.cloudsync.testkit;
