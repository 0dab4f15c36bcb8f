/** Small helpers for work handed to other threads. */
package io.cloudsync.core.concurrent;
