package io.cloudsync.engine.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.cloudsync.storage.StorageProviders;

/** Storage: every {@link io.cloudsync.storage.StorageProvider} on the class path, by scheme. */
public final class StorageModule extends AbstractModule {
  @Provides
  @Singleton
  StorageProviders providers() {
    return StorageProviders.load(StorageModule.class.getClassLoader());
  }
}
