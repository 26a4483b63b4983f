package nl.protocolbot.teams;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** URLs the bot talks to: tokens and secrets travel over HTTPS only, or plain HTTP to this machine (tests). */
final class Urls {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private Urls() {
    }

    /** The URL when it is {@code https://…}, or {@code http://} to a loopback host. */
    static Optional<URI> secure(String url) {
        try {
            URI u = URI.create(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null) {
                return Optional.empty();
            }
            boolean ok = "https".equals(scheme)
                    || "http".equals(scheme) && LOOPBACK.contains(u.getHost().toLowerCase(Locale.ROOT));
            return ok ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A path segment with everything but unreserved characters percent-encoded (conversation IDs hold : ; @ =). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A base URL without its trailing slashes, so that paths can be appended. */
    static String base(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
