package io.cloudsync.engine.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal's schema, as an ordered list of migrations. The {@code schema_version} table holds
 * the number of migrations applied; opening a journal applies the rest, each in its own
 * transaction. A migration is never edited once released: a change is a new migration.
 */
final class SchemaMigrations {

  static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE entries (
            key TEXT PRIMARY KEY,
            hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            local_mtime INTEGER NOT NULL,
            local_identity TEXT,
            remote_version TEXT NOT NULL,
            remote_size INTEGER NOT NULL
          );
          CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started INTEGER NOT NULL,
            finished INTEGER,
            uploaded INTEGER NOT NULL DEFAULT 0,
            downloaded INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            error_text TEXT
          );
          CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            base_hash TEXT,
            local_hash TEXT,
            remote_hash TEXT,
            detected INTEGER NOT NULL,
            resolution TEXT,
            resolved_at INTEGER
          );
          CREATE INDEX conflicts_open ON conflicts(key) WHERE resolution IS NULL;
          """,
          // Bases whose data was not flushed yet, valid while their scope stands (a NULL hash: the
          // key's base was removed).
          """
          CREATE TABLE unconfirmed (
            key TEXT PRIMARY KEY,
            hash TEXT,
            size INTEGER,
            local_mtime INTEGER,
            local_identity TEXT,
            remote_version TEXT,
            remote_size INTEGER,
            scope TEXT NOT NULL
          );
          """);

  private SchemaMigrations() {}

  /** Brings the schema up to date; returns the version it ends at. */
  static int migrate(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int current = currentVersion(connection);
    if (current > MIGRATIONS.size()) {
      throw new SQLException(
          "schema version "
              + current
              + " is newer than this release knows ("
              + MIGRATIONS.size()
              + "); upgrade cloudsync");
    }
    for (int v = current; v < MIGRATIONS.size(); v++) {
      int version = v;
      Transactions.inTransaction(
          connection,
          () -> {
            try (Statement st = connection.createStatement()) {
              for (String sql : MIGRATIONS.get(version).split(";")) {
                if (!sql.isBlank()) {
                  st.executeUpdate(sql);
                }
              }
              st.executeUpdate("DELETE FROM schema_version");
              st.executeUpdate(
                  "INSERT INTO schema_version(version) VALUES (" + (version + 1) + ")");
            }
          });
    }
    return MIGRATIONS.size();
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
