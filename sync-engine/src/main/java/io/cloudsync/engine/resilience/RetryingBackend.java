package io.cloudsync.engine.resilience;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.StorageException;
import io.cloudsync.storage.SupportsBucketCreation;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.SupportsDeferredDurability;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import io.cloudsync.storage.WriteCondition;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that retries the calls of another, with a Resilience4j {@link Retry}: exponential
 * backoff with jitter, as set by a {@link RetryPolicy}.
 *
 * <h2>What is retried</h2>
 *
 * <p>Only failures that say they may pass ({@link StorageException#isRetryable()}: throttling and
 * transient faults). Credentials rejected, not found, precondition failed, invalid keys or
 * configuration and local I/O errors fail at once. Each retry is logged at debug with the location;
 * {@link #retriedCalls()} counts the calls that needed one. When transient faults caused by the
 * connection (refused, reset, unknown host, timeouts) outlast the retries, the call fails with a
 * {@link BackendUnreachableException}; other faults fail with the last error.
 *
 * <h2>Writes</h2>
 *
 * <p>The decorator buffers nothing. {@link #write(ObjectKey, ReplayableContent, long, Map,
 * WriteCondition)} reopens its content for every attempt and is retried like any call. The port's
 * {@link #write(ObjectKey, InputStream, long, Map, WriteCondition)} is retried only while the
 * stream is untouched (the backend failed before reading a byte); once bytes were read the failure
 * is passed on, since they cannot be read again.
 *
 * <p>A conditional write or delete whose first attempt landed but whose answer was lost is retried
 * like any other; the retry then meets its own result and fails with {@link
 * PreconditionFailedException}, which the engine treats as a conflict, so nothing is overwritten.
 *
 * <h2>Reads and listings</h2>
 *
 * <p>A download that breaks off mid-way, or ends before the object's length, resumes with a ranged
 * read from the byte reached, as long as the object's version is still the one being read (a {@link
 * PreconditionFailedException} otherwise, so two versions are never spliced together). {@link
 * #read(RemoteFile)} takes the version and length from a listing; {@link #read(ObjectKey)} asks for
 * them first. A listing that fails part-way is started again, skipping the entries already
 * delivered.
 *
 * <p>Server-side copy and bucket creation are passed to the delegate when it has them ({@link
 * #supportsCopy()}, {@link #supportsBucketCreation()}); otherwise they fail with {@link
 * UnsupportedFeatureException}. A {@linkplain #attachTransferBudget transfer budget} is passed to
 * the delegate when it shares one (its parts then count against the run's transfers); otherwise
 * attaching one changes nothing. Other optional features are reached through {@link #delegate()},
 * without retries.
 */
public final class RetryingBackend
    implements StorageBackend,
        SupportsCopy,
        SupportsBucketCreation,
        SupportsTransferBudget,
        SupportsDeferredDurability.Forwarding {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingBackend.class);

  private final StorageBackend delegate;
  private final RetryPolicy policy;
  private final Retry retry;
  private final LongAdder retriedCalls = new LongAdder();
  private final LongAdder retries = new LongAdder();

  /** Retries the calls of {@code delegate} as {@code policy} says. */
  public RetryingBackend(StorageBackend delegate, RetryPolicy policy) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.retry =
        Retry.of(
            "storage",
            RetryConfig.custom()
                .maxAttempts(policy.attempts())
                .intervalFunction(policy.intervalFunction())
                .retryOnException(RetryingBackend::isRetryable)
                .build());
  }

  /** The backend whose calls are retried. */
  public StorageBackend delegate() {
    return delegate;
  }

  /** The policy in force. */
  public RetryPolicy policy() {
    return policy;
  }

  /** How many calls (including resumed downloads and listings) needed at least one retry. */
  public long retriedCalls() {
    return retriedCalls.sum();
  }

  /** How many retries were made in all. */
  public long retries() {
    return retries.sum();
  }

  /** Whether the delegate copies objects server-side. */
  public boolean supportsCopy() {
    return delegate instanceof SupportsCopy;
  }

  /** Whether the delegate can create its bucket. */
  public boolean supportsBucketCreation() {
    return delegate instanceof SupportsBucketCreation;
  }

  /** Attaches {@code budget} to the delegate when it shares one; else changes nothing. */
  @Override
  public Attachment attachTransferBudget(TransferBudget budget) {
    requireNonNull(budget, "budget is null");
    return SupportsTransferBudget.attachTransferBudget(delegate, budget);
  }

  /** The delegate: its batches, unretried flushes and scope are this backend's. */
  @Override
  public Object durabilityDelegate() {
    return delegate;
  }

  @Override
  public boolean hashesWhileWriting() {
    return delegate.hashesWhileWriting();
  }

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    requireNonNull(prefix, "prefix is null");
    ResumingListing listing = new ResumingListing(prefix);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(listing, Spliterator.NONNULL), false)
        .onClose(listing::close);
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    return call("stat", () -> delegate.stat(key));
  }

  /**
   * Opens {@code key}, resuming after a broken connection. Asks for the object's version and length
   * first; call {@link #read(RemoteFile)} when a listing already gave them.
   */
  @Override
  public InputStream read(ObjectKey key) {
    Optional<RemoteFile> file = stat(key);
    if (file.isEmpty()) {
      // Let the delegate say "not found" in its own words (or serve what appeared meanwhile).
      return call("read", () -> delegate.read(key));
    }
    return read(file.get());
  }

  /** Opens a slice of {@code key}, resuming within the slice after a broken connection. */
  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    requireNonNull(range, "range is null");
    Optional<RemoteFile> file = stat(key);
    if (file.isEmpty()) {
      return call("read", () -> delegate.read(key, range));
    }
    long size = file.get().size();
    long start = Math.min(range.offset(), size);
    long length = Math.min(range.length(), size - start);
    return resumable(file.get(), start, length);
  }

  /**
   * Opens the content of {@code file}, resuming from the byte reached when the connection breaks or
   * the stream ends before {@code file.size()} bytes, as long as the stored version is still {@code
   * file.version()}.
   *
   * @throws NotFoundException when nothing is stored under the key
   */
  public InputStream read(RemoteFile file) {
    requireNonNull(file, "file is null");
    return resumable(file, 0, file.size());
  }

  private InputStream resumable(RemoteFile file, long start, long length) {
    ObjectKey key = file.key();
    String location = delegate.location(key);
    InputStream first =
        call(
            "read",
            () ->
                start == 0 && length == file.size()
                    ? delegate.read(key)
                    : delegate.read(key, new ByteRange(start, length)));
    return new ResumingInputStream(
        first,
        new DownloadResumer(file, start, length, location),
        OptionalLong.of(length),
        location);
  }

  /** The port's write: retried only while {@code content} is untouched. */
  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    CountingInputStream counted = new CountingInputStream(requireNonNull(content, "content"));
    Streak streak = new Streak("write");
    while (true) {
      try {
        RemoteFile written = delegate.write(key, counted, length, metadata, condition);
        streak.succeeded();
        return written;
      } catch (StorageException e) {
        if (e.isRetryable() && counted.count() > 0) {
          LOG.debug(
              "{}: write not retried: {} bytes of a one-pass stream were already read ({})",
              e.location(),
              counted.count(),
              e.detail());
          throw e;
        }
        streak.failed(e);
      }
    }
  }

  /** Stores {@code content}, reopened for every attempt, retried like any call. */
  public RemoteFile write(
      ObjectKey key,
      ReplayableContent content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    requireNonNull(content, "content is null");
    return call(
        "write",
        () -> {
          InputStream in = content.open();
          try {
            return delegate.write(key, in, length, metadata, condition);
          } finally {
            closeQuietly(in);
          }
        });
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    call(
        "delete",
        () -> {
          delegate.delete(key, condition);
          return null;
        });
  }

  @Override
  public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
    if (!(delegate instanceof SupportsCopy copying)) {
      throw new UnsupportedFeatureException(
          delegate.location(source), "this backend cannot copy server-side");
    }
    return call("copy", () -> copying.copy(source, target, condition));
  }

  @Override
  public boolean createBucket() {
    if (!(delegate instanceof SupportsBucketCreation creating)) {
      throw new UnsupportedFeatureException(
          delegate.describe().location(), "this backend cannot create its bucket");
    }
    return call("create bucket", creating::createBucket);
  }

  /** Passed through: a description never throws, it says the backend is unreachable. */
  @Override
  public BackendDescription describe() {
    return delegate.describe();
  }

  @Override
  public String location(ObjectKey key) {
    return delegate.location(key);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "RetryingBackend[" + delegate + ", " + policy + "]";
  }

  private <T> T call(String operation, Supplier<T> action) {
    Streak streak = new Streak(operation);
    while (true) {
      try {
        T result = action.get();
        streak.succeeded();
        return result;
      } catch (StorageException e) {
        streak.failed(e);
      }
    }
  }

  private static boolean isRetryable(Throwable failure) {
    return failure instanceof StorageException e && e.isRetryable();
  }

  /** Whether {@code failure} comes from a connection that could not be made or kept. */
  static boolean causedByConnectionProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketException
          || t instanceof UnknownHostException
          || t instanceof SocketTimeoutException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnresolvedAddressException
          || t.getClass().getSimpleName().endsWith("ConnectTimeoutException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static StorageException exhausted(StorageException last, int attempts) {
    if (last instanceof TransientStorageException && causedByConnectionProblem(last)) {
      return new BackendUnreachableException(
          last.location(),
          "unreachable after " + attempts + " attempts (" + last.detail() + ")",
          last);
    }
    return last;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // The write has its answer; a failing close of the source changes nothing about it.
    }
  }

  /** One run of attempts at one call: consecutive failures, backoff, and giving up. */
  private final class Streak {
    private final String operation;
    private final Retry.Context<Object> context = retry.context();
    private int failures;

    Streak(String operation) {
      this.operation = operation;
    }

    void succeeded() {
      context.onComplete();
    }

    /** Returns after the backoff when another attempt may be made; throws otherwise. */
    void failed(StorageException failure) {
      if (!failure.isRetryable()) {
        throw failure;
      }
      failures++;
      if (failures < policy.attempts()) {
        if (failures == 1) {
          retriedCalls.increment();
        }
        retries.increment();
        LOG.debug(
            "{}: {} failed ({}); retry {} of {}",
            failure.location(),
            operation,
            failure.detail(),
            failures,
            policy.attempts() - 1);
      }
      try {
        context.onRuntimeError(failure);
      } catch (StorageException last) {
        if (policy.attempts() > 1) {
          LOG.debug(
              "{}: {} gave up after {} attempts", last.location(), operation, policy.attempts());
        }
        throw exhausted(last, failures);
      }
    }
  }

  /** Reopens a download at the byte reached, while its version is unchanged. */
  private final class DownloadResumer implements ResumingInputStream.Resumer {
    private final RemoteFile file;
    private final long start;
    private final long length;
    private final String location;
    private Streak streak;

    DownloadResumer(RemoteFile file, long start, long length, String location) {
      this.file = file;
      this.start = start;
      this.length = length;
      this.location = location;
    }

    @Override
    public InputStream resumeAt(long offset, IOException failure, boolean progressed) {
      if (streak == null || progressed) {
        streak = new Streak("read");
      }
      streak.failed(
          new TransientStorageException(
              location,
              "read broke off at byte " + (start + offset) + " (" + failure.getMessage() + ")",
              failure));
      ObjectKey key = file.key();
      InputStream resumed =
          call("read", () -> delegate.read(key, new ByteRange(start + offset, length - offset)));
      // Checked after opening: a version seen unchanged now was unchanged when the range opened.
      Optional<RemoteFile> now = stat(key);
      if (now.isEmpty() || !now.get().version().equals(file.version())) {
        closeQuietly(resumed);
        throw new PreconditionFailedException(
            location,
            now.isEmpty()
                ? "deleted while being read; not resumed"
                : "changed while being read; not resumed");
      }
      LOG.debug("{}: read resumed at byte {}", location, start + offset);
      return resumed;
    }
  }

  /** A listing that starts again after a failure, skipping what it already delivered. */
  private final class ResumingListing implements Iterator<ListEntry> {
    private final String prefix;
    // Grows with the entries delivered, as the engine's own view of the listing does.
    private final Set<String> delivered = new HashSet<>();
    private Stream<ListEntry> stream;
    private Iterator<ListEntry> iterator;
    private ListEntry next;
    private Streak streak;
    private boolean progressed;

    ResumingListing(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      while (true) {
        try {
          if (iterator == null) {
            stream = delegate.listEntries(prefix);
            iterator = stream.iterator();
          }
          while (iterator.hasNext()) {
            ListEntry entry = iterator.next();
            if (delivered.add(identity(entry))) {
              next = entry;
              progressed = true;
              return true;
            }
          }
          return false;
        } catch (StorageException e) {
          close();
          if (streak == null || progressed) {
            streak = new Streak("list");
            progressed = false;
          }
          streak.failed(e);
        }
      }
    }

    @Override
    public ListEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ListEntry entry = next;
      next = null;
      return entry;
    }

    void close() {
      if (stream != null) {
        stream.close();
      }
      stream = null;
      iterator = null;
    }

    private static String identity(ListEntry entry) {
      return switch (entry) {
        case RemoteFile file -> file.key().value();
        // A NUL never appears in a valid key, so a rejected name never collides with one.
        case RejectedKey rejected -> "\0" + rejected.rawName();
      };
    }
  }

  /** Counts the bytes read through it; never closes what it wraps (the caller owns it). */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += Math.max(skipped, 0);
      return skipped;
    }

    @Override
    public void close() {
      // The port's contract: the stream is read to its length and not closed.
    }
  }
}
