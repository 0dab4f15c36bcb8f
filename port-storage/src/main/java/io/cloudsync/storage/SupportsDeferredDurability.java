package io.cloudsync.storage;

import java.util.Optional;

/**
 * A backend that can make its writes durable in batches instead of one at a time. Left to itself
 * such a backend makes each write, copy and delete durable before returning (on a local disk: the
 * file and its folder flushed); within a batch they may return once visible, and {@link
 * Batch#sync()} makes all of them durable at once, with one flush instead of one per object.
 *
 * <p>The caller keeps its own promise: it records an operation as done (in a journal, say) only
 * after a {@code sync()} that began after the operation returned. A crash of the process loses
 * nothing either way; a power cut can lose what was not synced yet, and with it only records the
 * caller had not written.
 *
 * <p>A caller that need not wait for durability at all may record an unflushed operation
 * provisionally, under the backend's {@link #unflushedScope() unflushed scope}, and trust the
 * record for as long as the scope keeps its name; it confirms the record after a {@link
 * #syncAll()}.
 *
 * <p>A backend may decline, when it has no cheap way to flush many objects at once; its batch then
 * changes nothing ({@link Batch#NONE}) and its writes stay durable on return.
 */
public interface SupportsDeferredDurability {

  /**
   * Names the state in which this backend's unflushed writes wait, such that while the name stays
   * the same every write, copy and delete that returned can be read back, flushed or not (on a
   * local disk: this boot of the machine and the mounts of the file systems written to; a restart
   * or a disk mounted anew changes it). {@code ""} when writes are durable on return anyway (the
   * backend's batches are {@link Batch#NONE}); empty when no such name can be given here.
   */
  Optional<String> unflushedScope();

  /**
   * Makes every write this storage holds durable, those of earlier processes included; blocks until
   * the storage confirms.
   *
   * @throws StorageException when the storage reports a failure to flush
   */
  void syncAll();

  /**
   * Starts a batch. Batches may overlap; writes are deferred while any is open. Closing the batch
   * syncs what it deferred.
   */
  Batch deferDurability();

  /** An open batch of deferred durability. */
  interface Batch extends AutoCloseable {
    /** A batch that defers nothing: every write is already durable when it returns. */
    Batch NONE =
        new Batch() {
          @Override
          public void sync() {}

          @Override
          public void close() {}

          @Override
          public void release() {}
        };

    /**
     * Makes every write, copy and delete that returned before this call durable; blocks until the
     * storage confirms.
     *
     * @throws StorageException when the storage reports a failure to flush
     */
    void sync();

    /** Syncs, then ends the batch; a second call does nothing. */
    @Override
    void close();

    /**
     * Ends the batch without a flush: what it deferred becomes durable when the storage writes it
     * back on its own, or at the next {@link #sync()} or {@link #syncAll()}. A second call, or a
     * {@link #close()} after it, does nothing.
     */
    void release();
  }

  /**
   * A wrapper around another backend that defers durability exactly as the wrapped one does (or not
   * at all, when it cannot): every call goes to {@link #durabilityDelegate()}.
   */
  interface Forwarding extends SupportsDeferredDurability {
    /** The wrapped backend. */
    Object durabilityDelegate();

    @Override
    default Batch deferDurability() {
      return SupportsDeferredDurability.deferDurability(durabilityDelegate());
    }

    @Override
    default Optional<String> unflushedScope() {
      return SupportsDeferredDurability.unflushedScope(durabilityDelegate());
    }

    @Override
    default void syncAll() {
      SupportsDeferredDurability.syncAll(durabilityDelegate());
    }
  }

  /** The batch of {@code backend}, or {@link Batch#NONE} when it cannot defer durability. */
  static Batch deferDurability(Object backend) {
    return backend instanceof SupportsDeferredDurability d ? d.deferDurability() : Batch.NONE;
  }

  /**
   * The {@link #unflushedScope()} of {@code backend}; {@code ""} for a backend that cannot defer
   * durability, whose writes are durable when they return.
   */
  static Optional<String> unflushedScope(Object backend) {
    return backend instanceof SupportsDeferredDurability d ? d.unflushedScope() : Optional.of("");
  }

  /** {@link #syncAll()} of {@code backend}; nothing for a backend that cannot defer durability. */
  static void syncAll(Object backend) {
    if (backend instanceof SupportsDeferredDurability d) {
      d.syncAll();
    }
  }
}
