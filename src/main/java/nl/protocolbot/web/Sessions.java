package nl.protocolbot.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.protocolbot.feedback.WebState;

/**
 * The management pages' sessions, valid on every replica. A signed-in session is a random ID (the cookie
 * {@code s.<id>}) whose hash is a claim in the shared store, kept alive by use ({@link #IDLE}) and released at
 * logout; the database never holds a usable ID. The login page needs no state: its cookie is a random nonce
 * ({@code a.<nonce>}). Each session's CSRF token is an HMAC of its ID or nonce under a key all replicas share, so
 * only this server can make it, and a successful login always starts a new session (no session fixation). Written
 * by hand because Jetty's session module needs the servlet stack, which the rest of the server does not use.
 */
final class Sessions {
    /** A session unused this long has ended. */
    static final Duration IDLE = Duration.ofHours(2);
    private static final String SIGNED_IN = "s.";
    private static final String ANONYMOUS = "a.";
    private static final String TOKEN = "[A-Za-z0-9_-]{43}";

    /** A session: its cookie value, its forms' CSRF token, and whether the password was given. */
    record Session(String cookie, String csrf, boolean admin) {
    }

    /** A message for the next page: what was done, or why it could not be. */
    record Flash(String text, boolean problem) {
    }

    private final WebState store;
    private final byte[] key;
    private final SecureRandom random;

    /** @param key a key every replica shares (from the store), for the CSRF tokens */
    Sessions(WebState store, byte[] key, SecureRandom random) {
        this.store = store;
        this.key = key.clone();
        this.random = random;
    }

    /** A new session for the login form; nothing is stored. */
    Session open() {
        String nonce = token();
        return new Session(ANONYMOUS + nonce, mac("login|" + nonce), false);
    }

    /** The live session a cookie names; a signed-in one is kept alive for another {@link #IDLE}. */
    Optional<Session> find(String cookie) throws SQLException {
        if (cookie == null) {
            return Optional.empty();
        }
        if (cookie.startsWith(ANONYMOUS) && cookie.substring(2).matches(TOKEN)) {
            return Optional.of(new Session(cookie, mac("login|" + cookie.substring(2)), false));
        }
        if (cookie.startsWith(SIGNED_IN) && cookie.substring(2).matches(TOKEN)
                && store.extend(claim(cookie.substring(2)), IDLE)) {
            return Optional.of(new Session(cookie, mac("csrf|" + cookie.substring(2)), true));
        }
        return Optional.empty();
    }

    /** After the right password: a new signed-in session, with a new ID and token. */
    Session signIn() throws SQLException {
        String id = token();
        store.claim(claim(id), IDLE);
        return new Session(SIGNED_IN + id, mac("csrf|" + id), true);
    }

    /** Logout: the session ends on every replica. */
    void close(Session s) throws SQLException {
        if (s.admin()) {
            store.release(claim(s.cookie().substring(2)));
        }
    }

    /** Whether a form's token is this session's; compared in constant time. */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** The store's key for a session: a hash of its ID, so that the database holds nothing to sign in with. */
    private static String claim(String id) {
        try {
            return "web-session:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String mac(String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(
                    data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
