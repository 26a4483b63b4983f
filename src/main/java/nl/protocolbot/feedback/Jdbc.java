package nl.protocolbot.feedback;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The one connection pool every store shares, with the clock they read, and how a piece of work runs on it: as
 * it is (reads), with one retry on a connection that died with an earlier database server (writes), or in one
 * transaction.
 */
final class Jdbc {
    private final HikariDataSource pool;
    private final Clock clock;

    Jdbc(HikariDataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** A pooled connection, not retried: for reads. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    void close() {
        pool.close();
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    void inTransaction(Work work) throws SQLException {
        withConnection(c -> {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        });
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs work on a pooled connection. A pooled connection that died with an earlier database server (a restart,
     * a fail-over) fails with SQLState class 08; the pool drops it, and the work is tried once more on a fresh
     * connection, so that the first write after the database is back is not lost. Getting a connection is not
     * retried: while the database is away a write fails within the pool's short timeout.
     */
    <T> T withConnection(Query<T> work) throws SQLException {
        Connection first = pool.getConnection();
        try (first) {
            return work.run(first);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw e;
            }
        }
        try (Connection second = pool.getConnection()) {
            return work.run(second);
        }
    }
}
