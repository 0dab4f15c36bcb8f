package io.cloudsync.storage;

/**
 * A backend whose uploads send parts in parallel and can share a run's {@link TransferBudget}:
 * while a budget is attached, every part beyond an upload's first takes an extra permit from it
 * (without waiting), so a run's {@code --transfers} bounds whole transfers and parts together. With
 * no budget attached the backend uses its own default bound, as when it serves a single command.
 *
 * <p>A backend that sends each object in one stream (or its parts one after another) has nothing to
 * share and need not implement this.
 */
public interface SupportsTransferBudget {

  /**
   * Shares {@code budget} with this backend's uploads until the returned attachment is closed. One
   * budget at a time: attaching another replaces it, and closing an attachment that was replaced
   * changes nothing. Uploads under way keep the budget they started with.
   *
   * <p>The caller of an upload is taken to hold a permit of the budget for it (the engine runs each
   * action under one).
   */
  Attachment attachTransferBudget(TransferBudget budget);

  /**
   * Attaches {@code budget} to {@code backend} when it shares one, else returns {@link
   * Attachment#NONE}: what a run or a decorator does with any backend.
   */
  static Attachment attachTransferBudget(Object backend, TransferBudget budget) {
    return backend instanceof SupportsTransferBudget sharing
        ? sharing.attachTransferBudget(budget)
        : Attachment.NONE;
  }

  /** A budget attached to a backend; closing it detaches the budget. */
  @FunctionalInterface
  interface Attachment extends AutoCloseable {
    /** An attachment that holds nothing, for backends without parallel parts. */
    Attachment NONE = () -> {};

    /** Detaches the budget, if it is still the one attached; a second call does nothing. */
    @Override
    void close();
  }
}
