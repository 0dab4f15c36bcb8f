package io.cloudsync.cli;

import io.cloudsync.storage.BackendUri;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code cloudsync config}: what the configuration resolves to. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Inspect the configuration.",
    subcommands = {ConfigCommand.Show.class})
final class ConfigCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: show");
  }

  /** {@code cloudsync config show}: the effective configuration, secrets masked. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the effective configuration (flags, environment, file, defaults).")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;

    private final Invocation invocation;
    private final Provider<CloudSyncConfig> config;
    private final Backends backends;

    @Inject
    Show(Invocation invocation, Provider<CloudSyncConfig> config, Backends backends) {
      this.invocation = invocation;
      this.config = config;
      this.backends = backends;
    }

    @Override
    public Integer call() {
      CloudSyncConfig settings = config.get();
      Remote remote = backends.remote(common);
      PrintStream out = invocation.out();
      out.println(
          "# effective configuration; remote from "
              + (remote.source() == Remote.Source.CONFIG_FILE
                  ? settings.file().map(Object::toString).orElse("cloudsync.yaml")
                  : remote.source().label())
              + "; file: "
              + settings.file().map(Object::toString).orElse("none"));
      out.println("remote: " + printable(remote.uri()));
      for (String section : ConfigSchema.SECTION_ORDER) {
        Map<String, ConfigSchema.Key> keys = ConfigSchema.SECTIONS.get(section);
        boolean always = section.equals("performance") || section.equals("conflicts");
        if (!always && settings.section(section).isEmpty()) {
          continue;
        }
        out.println(section + ":");
        for (String key : keys.keySet()) {
          if (key.equals("rules")) {
            continue;
          }
          settings
              .effective(section, key)
              .ifPresent(value -> out.println("  " + key + ": " + mask(key, value)));
        }
        if (section.equals("conflicts") && !settings.conflictRules().isEmpty()) {
          out.println("  rules:");
          settings
              .conflictRules()
              .forEach(rule -> out.println("    \"" + rule.getKey() + "\": " + rule.getValue()));
        }
      }
      return ExitCode.OK.code();
    }

    private static String printable(BackendUri uri) {
      return uri.toString();
    }

    /** Values of keys that look secret are masked; references to a variable or file are not. */
    static String mask(String key, String value) {
      boolean reference = key.endsWith("_env") || key.endsWith("_file");
      return BackendUri.isSecretParam(key) && !reference ? "***" : value;
    }
  }
}
