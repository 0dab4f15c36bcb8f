package io.cloudsync.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cloudsync.core.ListEntry;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RejectedKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.StorageBackend;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cloudsync ls [PREFIX]}: lists objects as they arrive from the backend (in its order;
 * lexicographic on object stores), so memory stays flat however many there are. Remote names that
 * are not valid keys are reported on stderr as skipped.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List objects, optionally under a prefix.")
final class LsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Key prefix.")
  String prefix = "";

  @Option(
      names = {"-l", "--long"},
      description = "Show size in bytes, modification time (UTC) and key.")
  boolean longFormat;

  @Option(
      names = "--json",
      description = "One JSON array of {key, size, modified, sha256, version}.")
  boolean json;

  private final Invocation invocation;
  private final Backends backends;

  @Inject
  LsCommand(Invocation invocation, Backends backends) {
    this.invocation = invocation;
    this.backends = backends;
  }

  @Override
  public Integer call() throws IOException {
    if (longFormat && json) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--long and --json exclude each other");
    }
    checkPrefix(prefix);
    Remote remote = backends.remote(common);
    try (StorageBackend backend = backends.open(remote, Map.of(), true);
        Stream<ListEntry> entries = backend.listEntries(prefix)) {
      Iterator<ListEntry> it = entries.iterator();
      if (json) {
        printJson(it);
      } else {
        printText(it);
      }
    }
    return ExitCode.OK.code();
  }

  /** A prefix is a key, or a key followed by '/'; anything else could not match a valid key. */
  static void checkPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return;
    }
    String stem = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    ObjectKey.of(stem);
  }

  private void printText(Iterator<ListEntry> it) {
    PrintStream out = invocation.out();
    while (it.hasNext()) {
      ListEntry entry = it.next();
      if (entry instanceof RemoteFile file) {
        if (longFormat) {
          out.println(
              String.format(
                  Locale.ROOT,
                  "%12d  %s  %s",
                  file.size(),
                  Formats.seconds(file.lastModified()),
                  file.key()));
        } else {
          out.println(file.key());
        }
      } else {
        reportSkipped((RejectedKey) entry);
      }
    }
    out.flush();
  }

  private void printJson(Iterator<ListEntry> it) throws IOException {
    try (JsonGenerator json =
        new JsonFactory().createGenerator(invocation.out(), JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.useDefaultPrettyPrinter();
      json.writeStartArray();
      while (it.hasNext()) {
        ListEntry entry = it.next();
        if (entry instanceof RemoteFile file) {
          json.writeStartObject();
          json.writeStringField("key", file.key().value());
          json.writeNumberField("size", file.size());
          json.writeStringField("modified", file.lastModified().toString());
          if (file.hash().isPresent()) {
            json.writeStringField("sha256", file.hash().get().hex());
          } else {
            json.writeNullField("sha256");
          }
          json.writeStringField("version", file.version().value());
          json.writeEndObject();
        } else {
          json.flush();
          reportSkipped((RejectedKey) entry);
        }
      }
      json.writeEndArray();
    }
    invocation.out().println();
    invocation.out().flush();
  }

  private void reportSkipped(RejectedKey rejected) {
    invocation
        .err()
        .println(
            "cloudsync: skipped remote object \""
                + rejected.printableName()
                + "\": "
                + rejected.reason());
  }
}
