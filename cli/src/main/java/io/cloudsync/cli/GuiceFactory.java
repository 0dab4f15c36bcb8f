package io.cloudsync.cli;

import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets Guice build the CLI's commands, so they receive their collaborators by injection. */
final class GuiceFactory implements CommandLine.IFactory {
  private final Injector injector;

  GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type.getPackageName().startsWith("io.cloudsync.")) {
      return injector.getInstance(type);
    }
    return CommandLine.defaultFactory().create(type);
  }
}
