package nl.protocolbot.feedback;

import java.util.Optional;
import java.util.regex.Pattern;

/** Keeps passwords out of every message the store produces: JDBC URLs and driver error messages. */
final class Redact {
    private static final Pattern URL_SECRET = Pattern.compile("(?i)((?:ssl)?password|user)=[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
    private static final int MAX_MESSAGE = 300;

    private Redact() {
    }

    /** The URL without its query string (which may hold {@code password=…}) or user info. */
    static String url(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        return USER_INFO.matcher(base).replaceFirst("//");
    }

    /** A driver's message as one line, with the password and URL secrets masked. */
    static String message(String message, Optional<String> password) {
        String m = message == null ? "" : message;
        if (password.isPresent() && !password.get().isEmpty()) {
            m = m.replace(password.get(), "***");
        }
        m = URL_SECRET.matcher(m).replaceAll("$1=***");
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }
}
