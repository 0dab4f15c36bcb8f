package io.cloudsync.engine.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.cloudsync.engine.CloudStorageManager;

/**
 * The whole engine: storage, conflicts (keep-both unless a {@link ConflictModule} with rules is
 * installed instead), the clock, and the {@link CloudStorageManager} façade as a singleton.
 */
public final class EngineModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(CloudStorageManager.class).in(Singleton.class);
  }
}
