package io.cloudsync.engine.journal;

import static java.util.Objects.requireNonNull;

import io.cloudsync.core.ConflictInfo;
import io.cloudsync.core.ContentHash;
import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.VersionToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sync journal of one workspace: SQLite at {@code <workspace>/.cloudsync/state.db}.
 *
 * <p>WAL mode with {@code synchronous=NORMAL}: a commit survives a crash of the process at any
 * instant (the WAL is in the OS cache), and a power loss can at worst forget the last few commits
 * while the database stays consistent. Forgetting a completed action is harmless by design: the
 * next run sees both sides changed to the same content and records the base again, without a
 * transfer. FULL would fsync on every action and halve the rate of small-file syncs for no gain in
 * what can be lost.
 *
 * <p>Every mutating method is one transaction. While a sync {@linkplain #holdWrites() holds} entry
 * writes, they are committed in batches, each once the data of the actions it records is durable;
 * or {@linkplain #commitUnconfirmed as unconfirmed}, before the data is flushed, under the name of
 * the state that holds the data until then (this boot of the machine and the mounts written to).
 * Unconfirmed rows are read as bases like the others; whoever opens the journal next either
 * {@linkplain #confirmUnconfirmed confirms} them, after a flush, while that state stands, or
 * {@linkplain #discardUnconfirmed discards} them, and the bases before them answer again. The class
 * is safe for use by many threads: calls are serialised on the single connection.
 */
public final class Journal implements AutoCloseable {

  /** The file name inside {@code .cloudsync/}. */
  public static final String FILE_NAME = "state.db";

  private final Path file;
  private final Connection connection;
  // Entry writes held back while holding (see holdWrites): the newest per key, empty = removed.
  private Map<ObjectKey, Optional<JournalEntry>> held;
  // Held writes taken for a commit that has not finished yet; still what entry() answers.
  private Map<ObjectKey, Optional<JournalEntry>> committing = Map.of();

  private Journal(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the journal of {@code stateDir} and brings its schema up to date.
   *
   * @throws JournalCorruptedException when the file is not a readable SQLite database
   */
  public static Journal open(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA busy_timeout=10000");
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
          String verdict = rs.next() ? rs.getString(1) : "no answer";
          if (!"ok".equalsIgnoreCase(verdict)) {
            throw new SQLException("integrity check: " + verdict);
          }
        }
      }
      SchemaMigrations.migrate(connection);
      return new Journal(file, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new JournalCorruptedException(file, e);
    }
  }

  /**
   * Sets a damaged journal aside as {@code state.db.corrupt-<millis>} (with its WAL files) so a
   * fresh one can be created. Nothing is deleted.
   *
   * @return where the old file went, empty if there was none
   */
  public static Optional<Path> setAside(Path stateDir, Instant now) {
    Path file = stateDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String suffix = ".corrupt-" + now.toEpochMilli();
    try {
      Path target = stateDir.resolve(FILE_NAME + suffix);
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      for (String extra : List.of("-wal", "-shm")) {
        Path side = stateDir.resolve(FILE_NAME + extra);
        if (Files.exists(side)) {
          Files.move(side, stateDir.resolve(FILE_NAME + suffix + extra));
        }
      }
      return Optional.of(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** The schema version in use. */
  public synchronized int schemaVersion() {
    return call(() -> SchemaMigrations.currentVersion(connection));
  }

  /** Every base entry, by key (held writes included). */
  public synchronized Map<ObjectKey, JournalEntry> entries() {
    Map<ObjectKey, JournalEntry> all =
        call(
            () -> {
              Map<ObjectKey, JournalEntry> stored = new HashMap<>();
              try (Statement st = connection.createStatement();
                  ResultSet rs = st.executeQuery("SELECT * FROM entries")) {
                while (rs.next()) {
                  JournalEntry e = entry(rs);
                  stored.put(e.key(), e);
                }
              }
              try (Statement st = connection.createStatement();
                  ResultSet rs = st.executeQuery("SELECT * FROM unconfirmed")) {
                while (rs.next()) {
                  if (rs.getString("hash") == null) {
                    stored.remove(ObjectKey.of(rs.getString("key")));
                  } else {
                    JournalEntry e = entry(rs);
                    stored.put(e.key(), e);
                  }
                }
              }
              return stored;
            });
    for (Map<ObjectKey, Optional<JournalEntry>> writes : heldLayers()) {
      writes.forEach(
          (key, entry) -> entry.ifPresentOrElse(e -> all.put(key, e), () -> all.remove(key)));
    }
    return all;
  }

  /** The base entry of {@code key} (a held write included). */
  public synchronized Optional<JournalEntry> entry(ObjectKey key) {
    if (held != null && held.containsKey(key)) {
      return held.get(key);
    }
    if (committing.containsKey(key)) {
      return committing.get(key);
    }
    return call(
        () -> {
          try (PreparedStatement ps =
              connection.prepareStatement("SELECT * FROM unconfirmed WHERE key = ?")) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return rs.getString("hash") == null ? Optional.empty() : Optional.of(entry(rs));
              }
            }
          }
          try (PreparedStatement ps =
              connection.prepareStatement("SELECT * FROM entries WHERE key = ?")) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Records {@code entry} as the new base of its key, in one transaction; while {@linkplain
   * #holdWrites() holding}, in the next {@link #commit} instead.
   */
  public synchronized void put(JournalEntry entry) {
    requireNonNull(entry, "entry is null");
    if (held != null) {
      held.put(entry.key(), Optional.of(entry));
      return;
    }
    commit(Map.of(entry.key(), Optional.of(entry)));
  }

  /**
   * Forgets the base of {@code key} (both sides deleted it); while {@linkplain #holdWrites()
   * holding}, in the next {@link #commit} instead.
   */
  public synchronized void remove(ObjectKey key) {
    requireNonNull(key, "key is null");
    if (held != null) {
      held.put(key, Optional.empty());
      return;
    }
    commit(Map.of(key, Optional.empty()));
  }

  /**
   * Holds back {@link #put} and {@link #remove} from now on: they are kept in memory (and answered
   * by {@link #entry} and {@link #entries}) until {@link #takeHeld()} and {@link #commit} write
   * them. A sync holds while the data its actions wrote is not yet durable, so that no row ever
   * describes an action a power cut could undo.
   */
  public synchronized void holdWrites() {
    if (held == null) {
      held = new LinkedHashMap<>();
    }
  }

  /**
   * Takes the writes held so far, for a {@link #commit} once what they describe is durable. Until
   * that commit they are still answered by {@link #entry}; a failed flush passes them to {@link
   * #dropTaken} instead.
   *
   * @return the newest write per key, in the order first written; empty when nothing was held
   */
  public synchronized Map<ObjectKey, Optional<JournalEntry>> takeHeld() {
    if (held == null || held.isEmpty()) {
      return Map.of();
    }
    Map<ObjectKey, Optional<JournalEntry>> taken = held;
    held = new LinkedHashMap<>();
    committing = taken;
    return taken;
  }

  /**
   * Writes {@code writes} (as {@link #takeHeld()} returned them, or any map of key to entry or
   * removal) in one transaction.
   */
  public synchronized void commit(Map<ObjectKey, Optional<JournalEntry>> writes) {
    requireNonNull(writes, "writes is null");
    store(writes, () -> writeAll(writes));
  }

  /** Runs {@code write} unless {@code writes} is empty; they are no longer being committed then. */
  private void store(Map<ObjectKey, Optional<JournalEntry>> writes, SqlRun write) {
    try {
      if (!writes.isEmpty()) {
        run(write);
      }
    } finally {
      if (committing == writes) {
        committing = Map.of();
      }
    }
  }

  /**
   * Writes {@code writes} (as {@link #takeHeld()} returned them) in one transaction as unconfirmed
   * rows of {@code scope}: bases the data of which is written but not yet flushed. They are read as
   * bases at once, and until {@link #confirmUnconfirmed} or {@link #discardUnconfirmed}; the bases
   * they replace are kept for a discard.
   */
  public synchronized void commitUnconfirmed(
      Map<ObjectKey, Optional<JournalEntry>> writes, String scope) {
    requireNonNull(writes, "writes is null");
    requireNonNull(scope, "scope is null");
    store(
        writes,
        () -> Transactions.inTransaction(connection, () -> writeUnconfirmed(writes, scope)));
  }

  private void writeUnconfirmed(Map<ObjectKey, Optional<JournalEntry>> writes, String scope)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO unconfirmed(key, hash, size, local_mtime, local_identity,"
                + " remote_version, remote_size, scope) VALUES (?,?,?,?,?,?,?,?)")) {
      for (Map.Entry<ObjectKey, Optional<JournalEntry>> write : writes.entrySet()) {
        upsert.setString(1, write.getKey().value());
        Optional<JournalEntry> entry = write.getValue();
        upsert.setString(2, entry.map(e -> e.hash().hex()).orElse(null));
        upsert.setObject(3, entry.map(JournalEntry::size).orElse(null));
        upsert.setObject(4, entry.map(JournalEntry::localMtimeMillis).orElse(null));
        upsert.setString(5, entry.flatMap(JournalEntry::localIdentity).orElse(null));
        upsert.setString(6, entry.map(e -> e.remoteVersion().value()).orElse(null));
        upsert.setObject(7, entry.map(JournalEntry::remoteSize).orElse(null));
        upsert.setString(8, scope);
        upsert.executeUpdate();
      }
    }
  }

  /** The scopes of the unconfirmed rows, each once; empty when every base is confirmed. */
  public synchronized List<String> unconfirmedScopes() {
    return call(
        () -> {
          List<String> scopes = new ArrayList<>();
          try (Statement st = connection.createStatement();
              ResultSet rs = st.executeQuery("SELECT DISTINCT scope FROM unconfirmed")) {
            while (rs.next()) {
              scopes.add(rs.getString(1));
            }
          }
          return scopes;
        });
  }

  /**
   * Makes the unconfirmed rows of {@code scope} bases like the others, in one transaction, and
   * leaves those of other scopes as they are; call it once the data they describe is flushed.
   *
   * @return how many rows were confirmed
   */
  public synchronized int confirmUnconfirmed(String scope) {
    requireNonNull(scope, "scope is null");
    return call(
        () -> {
          int[] confirmed = new int[1];
          Transactions.inTransaction(
              connection,
              () -> {
                try (PreparedStatement upsert =
                        connection.prepareStatement(
                            "INSERT OR REPLACE INTO entries(key, hash, size, local_mtime,"
                                + " local_identity, remote_version, remote_size) SELECT key,"
                                + " hash, size, local_mtime, local_identity, remote_version,"
                                + " remote_size FROM unconfirmed WHERE hash IS NOT NULL AND"
                                + " scope = ?");
                    PreparedStatement removals =
                        connection.prepareStatement(
                            "DELETE FROM entries WHERE key IN (SELECT key FROM unconfirmed"
                                + " WHERE hash IS NULL AND scope = ?)");
                    PreparedStatement done =
                        connection.prepareStatement("DELETE FROM unconfirmed WHERE scope = ?")) {
                  for (PreparedStatement ps : List.of(upsert, removals, done)) {
                    ps.setString(1, scope);
                  }
                  upsert.executeUpdate();
                  removals.executeUpdate();
                  confirmed[0] = done.executeUpdate();
                }
              });
          return confirmed[0];
        });
  }

  /**
   * Moves the unconfirmed rows of {@code from} to the scope {@code to}, in one transaction; they
   * stay bases until confirmed or discarded as rows of {@code to}.
   *
   * @return how many rows moved
   */
  public synchronized int rescopeUnconfirmed(String from, String to) {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    return call(
        () -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE unconfirmed SET scope = ? WHERE scope = ?")) {
            update.setString(1, to);
            update.setString(2, from);
            return update.executeUpdate();
          }
        });
  }

  /**
   * Drops the unconfirmed rows of every scope but {@code keep} (all of them when empty), in one
   * transaction: the bases they replaced answer again.
   *
   * @return the keys of the rows dropped
   */
  public synchronized Set<ObjectKey> discardUnconfirmed(Optional<String> keep) {
    requireNonNull(keep, "keep is null");
    return call(
        () -> {
          Set<ObjectKey> dropped = new HashSet<>();
          Transactions.inTransaction(
              connection,
              () -> {
                try (PreparedStatement select =
                        connection.prepareStatement(
                            "SELECT key FROM unconfirmed WHERE ? IS NULL OR scope <> ?");
                    PreparedStatement delete =
                        connection.prepareStatement(
                            "DELETE FROM unconfirmed WHERE ? IS NULL OR scope <> ?")) {
                  for (PreparedStatement ps : List.of(select, delete)) {
                    ps.setString(1, keep.orElse(null));
                    ps.setString(2, keep.orElse(null));
                  }
                  try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                      dropped.add(ObjectKey.of(rs.getString(1)));
                    }
                  }
                  delete.executeUpdate();
                }
              });
          return dropped;
        });
  }

  /** Forgets writes taken by {@link #takeHeld()} that will not be committed. */
  public synchronized void dropTaken() {
    committing = Map.of();
  }

  /**
   * Stops holding; whatever is still held is committed now.
   *
   * @return how many writes that commit held
   */
  public synchronized int stopHolding() {
    Map<ObjectKey, Optional<JournalEntry>> rest = held == null ? Map.of() : held;
    held = null;
    commit(rest);
    return rest.size();
  }

  private List<Map<ObjectKey, Optional<JournalEntry>>> heldLayers() {
    return held == null ? List.of(committing) : List.of(committing, held);
  }

  private void writeAll(Map<ObjectKey, Optional<JournalEntry>> writes) throws SQLException {
    Transactions.inTransaction(connection, () -> writeRows(writes));
  }

  private void writeRows(Map<ObjectKey, Optional<JournalEntry>> writes) throws SQLException {
    try (PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT OR REPLACE INTO entries(key, hash, size, local_mtime, local_identity,"
                    + " remote_version, remote_size) VALUES (?,?,?,?,?,?,?)");
        PreparedStatement delete = connection.prepareStatement("DELETE FROM entries WHERE key=?")) {
      for (Map.Entry<ObjectKey, Optional<JournalEntry>> write : writes.entrySet()) {
        if (write.getValue().isPresent()) {
          JournalEntry entry = write.getValue().get();
          upsert.setString(1, entry.key().value());
          upsert.setString(2, entry.hash().hex());
          upsert.setLong(3, entry.size());
          upsert.setLong(4, entry.localMtimeMillis());
          upsert.setString(5, entry.localIdentity().orElse(null));
          upsert.setString(6, entry.remoteVersion().value());
          upsert.setLong(7, entry.remoteSize());
          upsert.executeUpdate();
        } else {
          delete.setString(1, write.getKey().value());
          delete.executeUpdate();
        }
      }
    }
  }

  /** Starts a run and returns its id. */
  public synchronized long startRun(Instant started) {
    return call(
        () -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO runs(started) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, started.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Closes run {@code id} with its counts and, if any, its error text. */
  public synchronized void finishRun(long id, RunRecord counts, Optional<String> errorText) {
    run(
        () -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE runs SET finished=?, uploaded=?, downloaded=?, deleted=?, conflicts=?,"
                      + " errors=?, error_text=? WHERE id=?")) {
            ps.setLong(1, counts.finished().orElseThrow().toEpochMilli());
            ps.setInt(2, counts.uploaded());
            ps.setInt(3, counts.downloaded());
            ps.setInt(4, counts.deleted());
            ps.setInt(5, counts.conflicts());
            ps.setInt(6, counts.errors());
            ps.setString(7, errorText.orElse(null));
            ps.setLong(8, id);
            ps.executeUpdate();
          }
        });
  }

  /** The runs, newest first. */
  public synchronized List<RunRecord> runs() {
    return call(
        () -> {
          List<RunRecord> runs = new ArrayList<>();
          try (Statement st = connection.createStatement();
              ResultSet rs = st.executeQuery("SELECT * FROM runs ORDER BY id DESC")) {
            while (rs.next()) {
              long finished = rs.getLong("finished");
              runs.add(
                  new RunRecord(
                      rs.getLong("id"),
                      Instant.ofEpochMilli(rs.getLong("started")),
                      rs.wasNull() || finished == 0
                          ? Optional.empty()
                          : Optional.of(Instant.ofEpochMilli(finished)),
                      rs.getInt("uploaded"),
                      rs.getInt("downloaded"),
                      rs.getInt("deleted"),
                      rs.getInt("conflicts"),
                      rs.getInt("errors")));
            }
          }
          return runs;
        });
  }

  /** The newest run that finished. */
  public Optional<RunRecord> lastFinishedRun() {
    return runs().stream().filter(r -> r.finished().isPresent()).findFirst();
  }

  /**
   * Logs a conflict. An open conflict already logged for the same key and kind is kept instead of
   * logging a duplicate (a manual conflict is met again on every run until resolved).
   *
   * @return the conflict's row id
   */
  public synchronized long recordConflict(ConflictInfo info) {
    return call(
        () -> {
          if (info.isOpen()) {
            Optional<ConflictRecord> open = openConflict(info.key());
            if (open.isPresent() && open.get().info().kind() == info.kind()) {
              return open.get().id();
            }
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO conflicts(key, kind, base_hash, local_hash, remote_hash, detected,"
                      + " resolution, resolved_at) VALUES (?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, info.key().value());
            ps.setString(2, info.kind().name());
            ps.setString(3, info.base().map(ContentHash::hex).orElse(null));
            ps.setString(4, info.local().map(ContentHash::hex).orElse(null));
            ps.setString(5, info.remote().map(ContentHash::hex).orElse(null));
            ps.setLong(6, info.detectedAt().toEpochMilli());
            ps.setString(7, info.resolution().orElse(null));
            if (info.isOpen()) {
              ps.setNull(8, Types.INTEGER);
            } else {
              ps.setLong(8, info.detectedAt().toEpochMilli());
            }
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Marks every open conflict of {@code key} resolved. */
  public synchronized void resolveConflicts(ObjectKey key, String resolution, Instant at) {
    run(
        () -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE conflicts SET resolution=?, resolved_at=? WHERE key=? AND resolution IS"
                      + " NULL")) {
            ps.setString(1, resolution);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, key.value());
            ps.executeUpdate();
          }
        });
  }

  /** The open conflict of {@code key}, if any. */
  public synchronized Optional<ConflictRecord> openConflict(ObjectKey key) {
    return openConflicts().stream().filter(c -> c.info().key().equals(key)).findFirst();
  }

  /** Every conflict not yet resolved, oldest first. */
  public synchronized List<ConflictRecord> openConflicts() {
    return conflicts("WHERE resolution IS NULL");
  }

  /** Every conflict ever logged, oldest first. */
  public synchronized List<ConflictRecord> allConflicts() {
    return conflicts("");
  }

  private List<ConflictRecord> conflicts(String where) {
    return call(
        () -> {
          List<ConflictRecord> list = new ArrayList<>();
          try (Statement st = connection.createStatement();
              ResultSet rs = st.executeQuery("SELECT * FROM conflicts " + where + " ORDER BY id")) {
            while (rs.next()) {
              long resolvedAt = rs.getLong("resolved_at");
              boolean open = rs.wasNull();
              ConflictInfo info =
                  new ConflictInfo(
                      ObjectKey.of(rs.getString("key")),
                      ConflictInfo.Kind.valueOf(rs.getString("kind")),
                      hash(rs.getString("base_hash")),
                      hash(rs.getString("local_hash")),
                      hash(rs.getString("remote_hash")),
                      Instant.ofEpochMilli(rs.getLong("detected")),
                      Optional.ofNullable(rs.getString("resolution")));
              list.add(
                  new ConflictRecord(
                      rs.getLong("id"),
                      info,
                      open ? Optional.empty() : Optional.of(Instant.ofEpochMilli(resolvedAt))));
            }
          }
          return list;
        });
  }

  private static Optional<ContentHash> hash(String hex) {
    return Optional.ofNullable(hex).map(ContentHash::ofHex);
  }

  private static JournalEntry entry(ResultSet rs) throws SQLException {
    return new JournalEntry(
        ObjectKey.of(rs.getString("key")),
        ContentHash.ofHex(rs.getString("hash")),
        rs.getLong("size"),
        rs.getLong("local_mtime"),
        Optional.ofNullable(rs.getString("local_identity")),
        VersionToken.of(rs.getString("remote_version")),
        rs.getLong("remote_size"));
  }

  @Override
  public synchronized void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection has nothing left to save
      }
    }
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private interface SqlRun {
    void run() throws SQLException;
  }

  private <T> T call(SqlCall<T> body) {
    try {
      return body.call();
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private void run(SqlRun body) {
    call(
        () -> {
          body.run();
          return null;
        });
  }

  private RuntimeException translate(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    if (primary == 11 || primary == 26) { // SQLITE_CORRUPT, SQLITE_NOTADB
      return new JournalCorruptedException(file, e);
    }
    return new JournalAccessException(file + ": " + e.getMessage(), e);
  }
}
