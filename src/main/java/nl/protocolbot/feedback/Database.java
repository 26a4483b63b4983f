package nl.protocolbot.feedback;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store lives: a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}) with optional
 * credentials. {@link #toString()} shows neither the password nor the URL's query string.
 */
public record Database(String url, Optional<String> user, Optional<String> password) {
    public enum Kind { SQLITE, POSTGRESQL }

    public Database {
        Objects.requireNonNull(url);
        if (kindOf(url).isEmpty()) {
            throw new IllegalArgumentException("only jdbc:sqlite: and jdbc:postgresql: URLs are supported");
        }
    }

    /** The default: {@code protocolbot.db} in a data folder. */
    public static Database inFolder(Path dataDir) {
        return new Database("jdbc:sqlite:" + dataDir.resolve("protocolbot.db").toAbsolutePath(),
                Optional.empty(), Optional.empty());
    }

    /** Whether the URL names a database this store supports. */
    public static boolean supported(String url) {
        return kindOf(url).isPresent();
    }

    public Kind kind() {
        return kindOf(url).orElseThrow();
    }

    /** The SQLite file, when the URL names one by path. */
    public Optional<Path> sqliteFile() {
        String rest = url.substring("jdbc:sqlite:".length());
        if (kind() != Kind.SQLITE || rest.isEmpty() || rest.startsWith(":") || rest.startsWith("file:")) {
            return Optional.empty();
        }
        int query = rest.indexOf('?');
        return Optional.of(Path.of(query < 0 ? rest : rest.substring(0, query)));
    }

    /** The URL for messages and logs: no query string, no user info. */
    public String redactedUrl() {
        return Redact.url(url);
    }

    private static Optional<Kind> kindOf(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:sqlite:") ? Optional.of(Kind.SQLITE)
                : u.startsWith("jdbc:postgresql:") ? Optional.of(Kind.POSTGRESQL) : Optional.empty();
    }

    @Override
    public String toString() {
        return redactedUrl() + user.map(u -> " (user " + u + ")").orElse("");
    }
}
