package nl.protocolbot.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@link #MAX_FAILURES} wrong passwords per {@link #WINDOW}, for the whole server: behind a reverse proxy
 * the client's address is not to be trusted, and a global limit also stops guessing from many addresses. The price
 * is that someone guessing can keep the management pages closed for a minute at a time; the public pages are not
 * affected. Thread-safe.
 */
final class LoginLimiter {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Deque<Instant> failures = new ArrayDeque<>();
    private final Clock clock;

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** What became of a login attempt. */
    enum Result { SIGNED_IN, WRONG, LIMITED }

    /**
     * Tries a password, unless too many were wrong in the last minute; check and count are one step, so that
     * concurrent attempts cannot slip past the limit.
     */
    synchronized Result attempt(java.util.function.BooleanSupplier passwordMatches) {
        forgetOld();
        if (failures.size() >= MAX_FAILURES) {
            return Result.LIMITED;
        }
        if (passwordMatches.getAsBoolean()) {
            return Result.SIGNED_IN;
        }
        failures.addLast(clock.instant());
        return Result.WRONG;
    }

    /** How long until a password may be tried again (zero when it may now). */
    synchronized Duration retryAfter() {
        forgetOld();
        if (failures.size() < MAX_FAILURES) {
            return Duration.ZERO;
        }
        return Duration.between(clock.instant(), failures.peekFirst().plus(WINDOW));
    }

    private void forgetOld() {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
            failures.removeFirst();
        }
    }
}
