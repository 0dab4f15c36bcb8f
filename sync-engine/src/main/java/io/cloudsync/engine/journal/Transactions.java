package io.cloudsync.engine.journal;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs statements on the journal's connection as one transaction: all of them or none. */
final class Transactions {

  /** Statements to run inside a transaction. */
  @FunctionalInterface
  interface Work {
    void run() throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs {@code work} in a transaction on {@code connection}: commits when it returns, rolls back
   * when it throws, and leaves the connection in auto-commit either way.
   */
  static void inTransaction(Connection connection, Work work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
