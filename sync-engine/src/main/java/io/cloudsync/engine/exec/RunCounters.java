package io.cloudsync.engine.exec;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The tallies of one run, updated by many transfer threads. */
public final class RunCounters {
  final AtomicInteger uploaded = new AtomicInteger();
  final AtomicInteger downloaded = new AtomicInteger();
  final AtomicInteger deletedRemote = new AtomicInteger();
  final AtomicInteger deletedLocal = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();
  final AtomicInteger openConflicts = new AtomicInteger();
  final AtomicInteger skipped = new AtomicInteger();
  final AtomicLong bytesUploaded = new AtomicLong();
  final AtomicLong bytesDownloaded = new AtomicLong();
  private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

  /** Adds a notice for the user. */
  public void notice(String text) {
    notices.add(text);
  }

  /** Records a failed action. */
  public void error(String text) {
    errors.add(text);
  }

  /** Counts a skipped key. */
  public void skip() {
    skipped.incrementAndGet();
  }

  /** Uploads completed. */
  public int uploaded() {
    return uploaded.get();
  }

  /** Downloads completed. */
  public int downloaded() {
    return downloaded.get();
  }

  /** Remote deletions completed. */
  public int deletedRemote() {
    return deletedRemote.get();
  }

  /** Local deletions completed. */
  public int deletedLocal() {
    return deletedLocal.get();
  }

  /** Conflicts met. */
  public int conflicts() {
    return conflicts.get();
  }

  /** Conflicts left open. */
  public int openConflicts() {
    return openConflicts.get();
  }

  /** Keys skipped. */
  public int skipped() {
    return skipped.get();
  }

  /** Bytes sent. */
  public long bytesUploaded() {
    return bytesUploaded.get();
  }

  /** Bytes received. */
  public long bytesDownloaded() {
    return bytesDownloaded.get();
  }

  /** The notices, in arrival order. */
  public List<String> notices() {
    return List.copyOf(notices);
  }

  /** The errors, in arrival order. */
  public List<String> errors() {
    return List.copyOf(errors);
  }
}
