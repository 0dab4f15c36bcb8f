package io.cloudsync.testkit;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.BackendDescription;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.ByteRange;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.SupportsCopy;
import io.cloudsync.storage.SupportsDeferredDurability;
import io.cloudsync.storage.SupportsTransferBudget;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransferBudget;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.WriteCondition;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Wraps any {@link StorageBackend} and makes it misbehave the way networks and stores do, so that
 * retries, offline mode and conflict handling can be tested without a flaky server:
 *
 * <ul>
 *   <li>{@linkplain #transientFailures transient failures} and {@linkplain #throttling throttling}
 *       at a rate, thrown before the call reaches the store (nothing happens);
 *   <li>{@linkplain #lostResponses lost responses}: a write or delete happens, then the caller gets
 *       a transient failure, as when a connection drops before the answer arrives;
 *   <li>{@linkplain #latencyUpTo random latency} up to a bound;
 *   <li>{@linkplain #truncatedReads truncated reads}: the stream throws an {@link
 *       java.io.IOException} part-way, as a reset connection does;
 *   <li>an {@linkplain #unreachable(boolean) unreachable switch}, flipped at run time, and {@link
 *       #unreachableAfter}: every call from then on throws {@link BackendUnreachableException}.
 * </ul>
 *
 * <p>Draws come from one {@link Random} seeded at construction, so a single-threaded run is
 * repeatable. {@link #injected(Fault)} counts what was injected. Settings may change while other
 * threads use the backend. {@link #wrap} returns a {@link SupportsCopy} when the delegate is one. A
 * run's {@link TransferBudget} is passed to the delegate untouched (attaching it reaches no store).
 */
public class FaultInjectingBackend
    implements StorageBackend, SupportsTransferBudget, SupportsDeferredDurability.Forwarding {

  /** The kinds of injected misbehaviour, as counted by {@link #injected(Fault)}. */
  public enum Fault {
    /** A {@link TransientStorageException} before the call reached the store. */
    TRANSIENT,
    /** A {@link ThrottledException} before the call reached the store. */
    THROTTLED,
    /** A mutation that happened but whose answer was replaced by a transient failure. */
    LOST_RESPONSE,
    /** A call that was delayed. */
    LATENCY,
    /** A read stream that failed part-way. */
    TRUNCATED_READ,
    /** A call refused because the backend is unreachable. */
    UNREACHABLE
  }

  private final StorageBackend delegate;
  private final Random random;
  private final Map<Fault, AtomicLong> counters = new EnumMap<>(Fault.class);
  private final AtomicLong calls = new AtomicLong();
  private volatile double transientRate;
  private volatile double throttleRate;
  private volatile double lostResponseRate;
  private volatile double truncatedReadRate;
  private volatile long maxLatencyNanos;
  private volatile boolean unreachable;
  private volatile long unreachableAfterCalls = Long.MAX_VALUE;
  private volatile String rootLocation;

  private FaultInjectingBackend(StorageBackend delegate, long seed) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.random = new Random(seed);
    for (Fault fault : Fault.values()) {
      counters.put(fault, new AtomicLong());
    }
  }

  /**
   * Wraps {@code delegate}, injecting nothing until told to. The result also implements {@link
   * SupportsCopy} when {@code delegate} does.
   */
  public static FaultInjectingBackend wrap(StorageBackend delegate, long seed) {
    return delegate instanceof SupportsCopy
        ? new Copying(delegate, seed)
        : new FaultInjectingBackend(delegate, seed);
  }

  /** Fails this share of calls (0 to 1) with {@link TransientStorageException}. */
  public FaultInjectingBackend transientFailures(double rate) {
    this.transientRate = checkRate(rate);
    return this;
  }

  /** Fails this share of calls (0 to 1) with {@link ThrottledException}. */
  public FaultInjectingBackend throttling(double rate) {
    this.throttleRate = checkRate(rate);
    return this;
  }

  /** Performs this share of writes, copies and deletes (0 to 1), then reports a transient fault. */
  public FaultInjectingBackend lostResponses(double rate) {
    this.lostResponseRate = checkRate(rate);
    return this;
  }

  /** Makes this share of read streams (0 to 1) fail part-way with an {@code IOException}. */
  public FaultInjectingBackend truncatedReads(double rate) {
    this.truncatedReadRate = checkRate(rate);
    return this;
  }

  /** Delays every call by a random time from zero to {@code max}; zero turns latency off. */
  public FaultInjectingBackend latencyUpTo(Duration max) {
    if (max.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + max);
    }
    this.maxLatencyNanos = max.toNanos();
    return this;
  }

  /**
   * Makes every call fail with {@link BackendUnreachableException}, or stops doing so; {@code
   * false} also cancels an {@link #unreachableAfter} limit.
   */
  public FaultInjectingBackend unreachable(boolean down) {
    this.unreachable = down;
    if (!down) {
      this.unreachableAfterCalls = Long.MAX_VALUE;
    }
    return this;
  }

  /** Lets {@code n} more calls through, then fails every later call as unreachable, for good. */
  public FaultInjectingBackend unreachableAfter(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("call count must not be negative: " + n);
    }
    this.unreachableAfterCalls = calls.get() + n;
    return this;
  }

  /** Whether calls currently fail as unreachable. */
  public boolean isUnreachable() {
    return unreachable || calls.get() >= unreachableAfterCalls;
  }

  /** How many faults of {@code kind} have been injected. */
  public long injected(Fault kind) {
    return counters.get(kind).get();
  }

  /** How many calls reached this decorator. */
  public long calls() {
    return calls.get();
  }

  /** Attaches {@code budget} to the delegate when it shares one; else changes nothing. */
  @Override
  public Attachment attachTransferBudget(TransferBudget budget) {
    return SupportsTransferBudget.attachTransferBudget(delegate, budget);
  }

  @Override
  public Object durabilityDelegate() {
    return delegate;
  }

  @Override
  public boolean hashesWhileWriting() {
    return delegate.hashesWhileWriting();
  }

  /** The wrapped backend, to inspect what really happened. */
  public StorageBackend delegate() {
    return delegate;
  }

  @Override
  public Stream<ListEntry> listEntries(String prefix) {
    return call(prefixLocation(prefix), () -> delegate.listEntries(prefix));
  }

  @Override
  public Optional<RemoteFile> stat(ObjectKey key) {
    return call(delegate.location(key), () -> delegate.stat(key));
  }

  @Override
  public boolean exists(ObjectKey key) {
    return call(delegate.location(key), () -> delegate.exists(key));
  }

  @Override
  public InputStream read(ObjectKey key) {
    return call(delegate.location(key), () -> truncating(key, delegate.read(key), Long.MAX_VALUE));
  }

  @Override
  public InputStream read(ObjectKey key, ByteRange range) {
    return call(
        delegate.location(key), () -> truncating(key, delegate.read(key, range), range.length()));
  }

  @Override
  public RemoteFile write(
      ObjectKey key,
      InputStream content,
      long length,
      Map<String, String> metadata,
      WriteCondition condition) {
    return mutation(
        delegate.location(key), () -> delegate.write(key, content, length, metadata, condition));
  }

  @Override
  public void delete(ObjectKey key, WriteCondition condition) {
    mutation(
        delegate.location(key),
        () -> {
          delegate.delete(key, condition);
          return null;
        });
  }

  /** Says UNREACHABLE while the switch is on; never injects other faults. */
  @Override
  public BackendDescription describe() {
    BackendDescription real = delegate.describe();
    if (!isUnreachable()) {
      return real;
    }
    return new BackendDescription(
        real.name(),
        real.location(),
        BackendDescription.Health.UNREACHABLE,
        Optional.of("unreachable (injected)"),
        Optional.empty(),
        real.details());
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
    return "FaultInjectingBackend[" + delegate + "]";
  }

  private <T> T mutation(String location, Supplier<T> action) {
    T result = call(location, action);
    if (draw() < lostResponseRate) {
      counters.get(Fault.LOST_RESPONSE).incrementAndGet();
      throw new TransientStorageException(
          location, "connection reset before the answer arrived (injected); the change was made");
    }
    return result;
  }

  private <T> T call(String location, Supplier<T> action) {
    long number = calls.incrementAndGet();
    if (unreachable || number > unreachableAfterCalls) {
      counters.get(Fault.UNREACHABLE).incrementAndGet();
      throw new BackendUnreachableException(location, "connection refused (injected)");
    }
    delay(location);
    double roll = draw();
    if (roll < transientRate) {
      counters.get(Fault.TRANSIENT).incrementAndGet();
      throw new TransientStorageException(location, "connection reset (injected)");
    }
    if (roll < transientRate + throttleRate) {
      counters.get(Fault.THROTTLED).incrementAndGet();
      throw new ThrottledException(location, "slow down (injected 503)");
    }
    return action.get();
  }

  private void delay(String location) {
    long max = maxLatencyNanos;
    if (max <= 0) {
      return;
    }
    long nanos;
    synchronized (random) {
      nanos = (long) (random.nextDouble() * max);
    }
    counters.get(Fault.LATENCY).incrementAndGet();
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientStorageException(location, "interrupted during injected latency", e);
    }
  }

  private InputStream truncating(ObjectKey key, InputStream in, long rangeLength) {
    if (draw() >= truncatedReadRate) {
      return in;
    }
    long size = delegate.stat(key).map(RemoteFile::size).orElse(0L);
    long expected = Math.min(size, rangeLength);
    if (expected <= 0) {
      return in;
    }
    long cut;
    synchronized (random) {
      cut = (long) (random.nextDouble() * expected);
    }
    return new TruncatingInputStream(
        in, cut, () -> counters.get(Fault.TRUNCATED_READ).incrementAndGet());
  }

  private double draw() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  private String prefixLocation(String prefix) {
    String location = rootLocation;
    if (location == null) {
      location = delegate.describe().location();
      rootLocation = location;
    }
    return prefix.isEmpty() ? location : location + "/" + prefix;
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a rate is between 0 and 1, got " + rate);
    }
    return rate;
  }

  /** The decorator of a backend that copies server-side; copies count as mutations. */
  private static final class Copying extends FaultInjectingBackend implements SupportsCopy {
    Copying(StorageBackend delegate, long seed) {
      super(delegate, seed);
    }

    @Override
    public RemoteFile copy(ObjectKey source, ObjectKey target, WriteCondition condition) {
      return super.mutation(
          delegate().location(target),
          () -> ((SupportsCopy) delegate()).copy(source, target, condition));
    }
  }
}
