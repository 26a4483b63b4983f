package nl.protocolbot.web;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import nl.protocolbot.feedback.WebState;

/**
 * At most {@link #MAX_FAILURES} wrong passwords per {@link #WINDOW}, for the whole server, every replica together
 * (each wrong password is a claim in the shared store that expires after the window). Global because behind a
 * reverse proxy the client's address is not to be trusted, and because a global limit also stops guessing from
 * many addresses. The price is that someone guessing can keep the management pages closed for a minute at a
 * time; the public pages are not affected.
 */
final class LoginLimiter {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String PREFIX = "weblogin:";

    /** What became of a login attempt. */
    enum Result { SIGNED_IN, WRONG, LIMITED }

    private final WebState store;
    private final SecureRandom random;

    LoginLimiter(WebState store, SecureRandom random) {
        this.store = store;
        this.random = random;
    }

    /**
     * Tries a password, unless too many were wrong in the last minute. Within a replica, check and count are one
     * step; between replicas, attempts at the very same moment may pass the limit by one each.
     */
    synchronized Result attempt(java.util.function.BooleanSupplier passwordMatches) throws SQLException {
        if (store.live(PREFIX) >= MAX_FAILURES) {
            return Result.LIMITED;
        }
        if (passwordMatches.getAsBoolean()) {
            return Result.SIGNED_IN;
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        store.claim(PREFIX + HexFormat.of().formatHex(id), WINDOW);
        return Result.WRONG;
    }
}
