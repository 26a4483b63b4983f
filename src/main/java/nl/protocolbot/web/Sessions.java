package nl.protocolbot.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * The management pages' sessions, in memory: a random ID (the cookie), a CSRF token for the forms, whether the
 * password was given, and a message for the next page. A login page gets an anonymous session so that its form has a
 * token too; a successful login replaces it by a new one (no session fixation). Sessions end after
 * {@link #IDLE} without use, at logout, and when the process stops. Written by hand because Jetty's session module
 * needs the servlet stack, which the rest of the server does not use.
 */
final class Sessions {
    /** A session unused this long has ended. */
    static final Duration IDLE = Duration.ofHours(2);
    /** At most this many sessions are kept: anonymous ones give way first, so login pages cannot flood memory. */
    static final int MAX = 1000;

    /** One session; immutable, replaced on change. */
    record Session(String id, String csrf, boolean admin, Instant lastUsed, Flash flash) {
    }

    /** A message for the next page: what was done, or why it could not be. */
    record Flash(String text, boolean problem) {
        static final Flash NONE = new Flash("", false);
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    Sessions(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** A new anonymous session (for the login form). */
    Session open() {
        return store(new Session(token(), token(), false, clock.instant(), Flash.NONE));
    }

    /** The live session with this ID, marked as used now. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session used = new Session(s.id(), s.csrf(), s.admin(), clock.instant(), s.flash());
        sessions.replace(id, s, used);
        return Optional.of(used);
    }

    /** After the right password: the old session ends, a new signed-in one with new ID and token begins. */
    Session signIn(Session anonymous) {
        sessions.remove(anonymous.id());
        return store(new Session(token(), token(), true, clock.instant(), Flash.NONE));
    }

    void close(Session s) {
        sessions.remove(s.id());
    }

    /** Whether a form's token is this session's; compared in constant time. */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** Leaves a message for the next page of this session. */
    void flash(Session s, Flash message) {
        sessions.computeIfPresent(s.id(), (id, old) -> new Session(id, old.csrf(), old.admin(), old.lastUsed(),
                message));
    }

    /** The message left for this page, which is then gone. */
    Flash takeFlash(Session s) {
        Session now = sessions.computeIfPresent(s.id(), (id, old) -> new Session(id, old.csrf(), old.admin(),
                old.lastUsed(), Flash.NONE));
        return now == null ? Flash.NONE : s.flash();
    }

    int size() {
        return sessions.size();
    }

    private Session store(Session s) {
        if (sessions.size() >= MAX) {
            sessions.values().removeIf(this::expired);
        }
        while (sessions.size() >= MAX) {
            sessions.values().stream()
                    .min(Comparator.comparing(Session::admin).thenComparing(Session::lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        sessions.put(s.id(), s);
        return s;
    }

    private boolean expired(Session s) {
        return s.lastUsed().plus(IDLE).isBefore(clock.instant());
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
