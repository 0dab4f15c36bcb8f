package io.cloudsync.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.cloudsync.core.Clock;
import io.cloudsync.storage.StorageProviders;

/**
 * The composition root of one CLI run: the invocation, the clock, the configuration and the storage
 * providers. Configuration and providers are built lazily, on first use, so {@code --version},
 * {@code --help} and {@code init} touch neither.
 */
final class CliModule extends AbstractModule {
  private final Invocation invocation;

  CliModule(Invocation invocation) {
    this.invocation = invocation;
  }

  @Override
  protected void configure() {
    bind(Invocation.class).toInstance(invocation);
    bind(Clock.class).toInstance(Clock.system());
  }

  @Provides
  @Singleton
  CloudSyncConfig config(Invocation invocation) {
    return ConfigFile.loadFrom(invocation.workingDir());
  }

  @Provides
  @Singleton
  StorageProviders providers() {
    return StorageProviders.load(CliModule.class.getClassLoader());
  }
}
