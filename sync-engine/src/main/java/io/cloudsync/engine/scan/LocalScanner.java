package io.cloudsync.engine.scan;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ContentHasher;
import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.engine.journal.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Walks a workspace. A file whose size, mtime and identity equal its journal entry keeps the
 * journal's hash (the fast path); every other file is hashed (or, when new and the caller says so,
 * left for its upload to hash), in parallel on a bounded pool, and re-stamped afterwards: a file
 * that changed while being read is skipped this run and retried the next, never planned with a torn
 * hash. Symbolic links are not followed; they are reported.
 */
public final class LocalScanner {
  private final Path root;
  private final IgnoreRules rules;
  private final int hashThreads;
  private final ContentHasher hasher = ContentHasher.sha256();

  /**
   * @param root the workspace folder
   * @param rules what to leave alone
   * @param hashThreads how many files to hash at once
   */
  public LocalScanner(Path root, IgnoreRules rules, int hashThreads) {
    this.root = requireNonNull(root, "root is null");
    this.rules = requireNonNull(rules, "rules is null");
    if (hashThreads < 1) {
      throw new IllegalArgumentException("hashThreads must be at least 1");
    }
    this.hashThreads = hashThreads;
  }

  private record Candidate(ObjectKey key, Path path, FileStamp stamp) {}

  /** Scans the workspace against {@code base}, hashing every file off the fast path. */
  public LocalSnapshot scan(Map<ObjectKey, JournalEntry> base) throws IOException {
    return scan(base, key -> false);
  }

  /**
   * Scans the workspace against {@code base}. A file off the fast path is hashed, unless it has no
   * journal entry and {@code deferHash} accepts its key: then it is only checked to be readable and
   * left for its upload to hash (see {@link LocalFile#knownHash()}).
   */
  public LocalSnapshot scan(Map<ObjectKey, JournalEntry> base, Predicate<ObjectKey> deferHash)
      throws IOException {
    return scan(walk(), base, deferHash);
  }

  /**
   * What a walk of the workspace found, nothing read yet: the files with their stamps, the folders,
   * and the reports of what was left out. Scanning it ({@link #scan(Walk, Map, Predicate)}) decides
   * what to hash, so a caller can walk while it learns something the decision needs.
   */
  public static final class Walk {
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<String> folders = new HashSet<>();
    private final List<String> reports = new ArrayList<>();

    private Walk() {}

    /** How many files the walk found. */
    public int files() {
      return candidates.size();
    }
  }

  /** Walks the workspace: the stamps of its files, its folders, what it leaves out and why. */
  public Walk walk() throws IOException {
    Walk walk = new Walk();
    walk(walk.candidates, walk.folders, walk.reports);
    return walk;
  }

  /** Scans what {@code walk} found against {@code base}, as {@link #scan(Map, Predicate)} does. */
  public LocalSnapshot scan(
      Walk walk, Map<ObjectKey, JournalEntry> base, Predicate<ObjectKey> deferHash)
      throws IOException {
    Set<String> folders = new HashSet<>(walk.folders);
    Map<ObjectKey, String> skipped = new ConcurrentHashMap<>();
    List<String> reports = new ArrayList<>(walk.reports);

    Map<ObjectKey, LocalFile> files = new HashMap<>();
    List<Candidate> toHash = new ArrayList<>();
    for (Candidate c : walk.candidates) {
      JournalEntry entry = base.get(c.key);
      if (entry != null
          && entry.size() == c.stamp.size()
          && entry.localMtimeMillis() == c.stamp.mtimeMillis()
          && entry.localIdentity().equals(c.stamp.identity())) {
        files.put(
            c.key,
            new LocalFile(
                c.key, c.stamp.size(), c.stamp.mtimeMillis(), c.stamp.identity(), entry.hash()));
      } else if (entry == null && deferHash.test(c.key)) {
        if (Files.isReadable(c.path)) {
          files.put(
              c.key,
              new LocalFile(
                  c.key,
                  c.stamp.size(),
                  c.stamp.mtimeMillis(),
                  c.stamp.identity(),
                  Optional.empty()));
        } else {
          skipped.put(c.key, "unreadable (permission denied)");
        }
      } else {
        toHash.add(c);
      }
    }
    files.putAll(hashAll(toHash, skipped));
    return new LocalSnapshot(files, folders, skipped, reports, toHash.size());
  }

  private void walk(List<Candidate> out, Set<String> folders, List<String> reports)
      throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            String rel = relative(dir);
            if (rules.ignoresEntry(rel, true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            folders.add(rel);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relative(file);
            if (rules.ignoresEntry(rel, attrs.isDirectory())) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
              reports.add(shown(rel) + ": symbolic link not followed");
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
              reports.add(shown(rel) + ": not a regular file, skipped");
              return FileVisitResult.CONTINUE;
            }
            ObjectKey key;
            try {
              key = new ObjectKey(rel);
            } catch (InvalidObjectKeyException e) {
              reports.add(shown(rel) + ": name is not a valid key (" + e.rule() + "), skipped");
              return FileVisitResult.CONTINUE;
            }
            out.add(new Candidate(key, file, FileStamp.of(attrs)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            reports.add(
                shown(relative(file))
                    + ": unreadable ("
                    + e.getClass().getSimpleName()
                    + "), skipped");
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private Map<ObjectKey, LocalFile> hashAll(List<Candidate> toHash, Map<ObjectKey, String> skipped)
      throws IOException {
    Map<ObjectKey, LocalFile> hashed = new HashMap<>();
    if (toHash.isEmpty()) {
      return hashed;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(hashThreads, toHash.size()));
    try {
      List<Future<Optional<LocalFile>>> futures = new ArrayList<>(toHash.size());
      for (Candidate c : toHash) {
        futures.add(pool.submit(() -> hashOne(c, skipped)));
      }
      for (Future<Optional<LocalFile>> f : futures) {
        f.get().ifPresent(file -> hashed.put(file.key(), file));
      }
      return hashed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException("hashing failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Optional<LocalFile> hashOne(Candidate c, Map<ObjectKey, String> skipped) {
    try {
      ContentHash hash = hasher.hash(c.path);
      Optional<FileStamp> after = FileStamp.read(c.path);
      if (after.isEmpty() || !after.get().equals(c.stamp)) {
        skipped.put(c.key, "changed while being read; retried next run");
        return Optional.empty();
      }
      return Optional.of(
          new LocalFile(c.key, c.stamp.size(), c.stamp.mtimeMillis(), c.stamp.identity(), hash));
    } catch (AccessDeniedException e) {
      skipped.put(c.key, "unreadable (permission denied)");
      return Optional.empty();
    } catch (IOException e) {
      skipped.put(
          c.key, "unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /**
   * A workspace name as a report shows it: whole, with control characters escaped, so that a file's
   * name cannot break the report's line or send a terminal its own sequences.
   */
  private static String shown(String rel) {
    return InvalidObjectKeyException.escaped(rel);
  }

  private String relative(Path path) {
    Path rel = root.relativize(path);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
