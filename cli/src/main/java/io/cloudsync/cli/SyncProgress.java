package io.cloudsync.cli;

import io.cloudsync.core.SyncOperation;
import io.cloudsync.engine.exec.SyncListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar: actions done of planned, bytes moved, speed and ETA. */
final class SyncProgress implements SyncListener, AutoCloseable {
  private final PrintStream stream;
  private final AtomicLong bytes = new AtomicLong();
  private volatile ProgressBar bar;

  private SyncProgress(PrintStream stream) {
    this.stream = stream;
  }

  static SyncProgress onTerminal(PrintStream stream) {
    return new SyncProgress(stream);
  }

  @Override
  public void planned(int actions, long totalBytes) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("sync")
            .setInitialMax(Math.max(1, actions))
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(stream))
            .setUpdateIntervalMillis(200)
            .showSpeed()
            .build();
    bar.setExtraMessage(human(0) + " / " + human(totalBytes));
  }

  @Override
  public void transferred(long n) {
    long done = bytes.addAndGet(n);
    ProgressBar b = bar;
    if (b != null) {
      b.setExtraMessage(human(done));
    }
  }

  @Override
  public void done(SyncOperation operation) {
    ProgressBar b = bar;
    if (b != null) {
      b.step();
    }
  }

  @Override
  public void close() {
    ProgressBar b = bar;
    if (b != null) {
      b.close();
    }
  }

  private static String human(long n) {
    return io.cloudsync.storage.ByteSizes.human(n);
  }
}
