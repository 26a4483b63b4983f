package nl.protocolbot.feedback;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the store's database: a small HikariCP pool, so that a connection that died with the database is
 * replaced once it is back, and a write never waits long for a database that is gone.
 */
final class Pool {
    /** How long a write waits for a connection: short, because Slack must be acknowledged within 3 s. */
    static final long CONNECTION_TIMEOUT_MS = 1_000;
    /** PostgreSQL: give up on a connection attempt or a silent socket after this long (seconds). */
    private static final String CONNECT_TIMEOUT_S = "3";
    private static final String SOCKET_TIMEOUT_S = "10";

    private Pool() {
    }

    /**
     * Connects once, outside the pool, to tell at start whether the database is there: one clear failure instead
     * of a pool that retries in the background.
     */
    static void probe(Database db) throws SQLException {
        createSqliteFolder(db);
        try (Connection c = DriverManager.getConnection(db.url(), properties(db))) {
            c.isValid(2);
        }
    }

    static HikariDataSource open(Database db) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("protocolbot-db");
        c.setJdbcUrl(db.url());
        c.setDataSourceProperties(properties(db));
        c.setMaximumPoolSize(db.kind() == Database.Kind.SQLITE ? 4 : 8);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        c.setValidationTimeout(500);
        // probe() already told whether the database is reachable; the pool itself never fails to start
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    /** Driver settings: credentials, and per database what keeps writes durable and failures quick. */
    private static Properties properties(Database db) {
        Properties p = new Properties();
        db.user().ifPresent(u -> p.setProperty("user", u));
        db.password().ifPresent(pw -> p.setProperty("password", pw));
        if (db.kind() == Database.Kind.SQLITE) {
            // committed means on disk (kill -9 loses no acknowledged vote); writers from other threads wait
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "FULL");
            p.setProperty("busy_timeout", "5000");
        } else {
            p.setProperty("connectTimeout", CONNECT_TIMEOUT_S);
            p.setProperty("socketTimeout", SOCKET_TIMEOUT_S);
            p.setProperty("ApplicationName", "protocolbot");
            // the server's error detail can quote row values (a question text); keep it out of messages
            p.setProperty("logServerErrorDetail", "false");
        }
        return p;
    }

    private static void createSqliteFolder(Database db) throws SQLException {
        Path dir = db.sqliteFile().map(Path::getParent).orElse(null);
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new SQLException("kan map " + dir + " niet aanmaken (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }
}
