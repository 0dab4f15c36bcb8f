package io.cloudsync.storage;

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
 * <p>A backend may decline, when it has no cheap way to flush many objects at once; its batch then
 * changes nothing ({@link Batch#NONE}) and its writes stay durable on return.
 */
public interface SupportsDeferredDurability {

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
  }

  /** The batch of {@code backend}, or {@link Batch#NONE} when it cannot defer durability. */
  static Batch deferDurability(Object backend) {
    return backend instanceof SupportsDeferredDurability d ? d.deferDurability() : Batch.NONE;
  }
}
