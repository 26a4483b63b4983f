package nl.protocolbot.teams;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * How often and how long to retry a call to the Bot Connector: 429 and 5xx (and a failed connection) are tried again
 * after a delay that doubles from {@code firstDelay}, or after the {@code Retry-After} the connector asks for, never
 * longer than {@code maxDelay}, at most {@code maxAttempts} times in all. Everything else is final.
 *
 * @param maxAttempts tries in all, the first included
 * @param firstDelay  the wait after the first failure
 * @param maxDelay    the longest single wait, also for a longer {@code Retry-After}
 */
record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    /** At most 4 tries within 1 + 2 + 4 s of backoff, or 3 × 8 s when the connector asks for longer. */
    static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8));

    RetryPolicy {
        if (maxAttempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("bad retry policy");
        }
    }

    /** What one try gave: an HTTP status and the {@code Retry-After} the server sent, if any. */
    record Result(int status, Optional<Duration> retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    /** One try; an {@link IOException} counts as a retryable failure. */
    interface Attempt {
        Result call() throws IOException, InterruptedException;
    }

    /** Waits; replaceable in tests so that they need not wait. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** What all tries together gave: the last result (status 0 when the last try could not connect). */
    record Outcome(Result last, int attempts) {
        boolean ok() {
            return last.ok();
        }
    }

    /** Tries until success, a final failure, or {@link #maxAttempts}. */
    Outcome run(Attempt attempt, Sleeper sleeper) throws InterruptedException {
        Result last = null;
        for (int n = 1; ; n++) {
            try {
                last = attempt.call();
            } catch (IOException e) {
                last = new Result(0, Optional.empty());
            }
            boolean retryable = last.status() == 0 || last.retryable();
            if (last.ok() || !retryable || n >= maxAttempts) {
                return new Outcome(last, n);
            }
            sleeper.sleep(delay(n, last.retryAfter()));
        }
    }

    /** The wait after failed try number {@code n} (1-based). */
    Duration delay(int n, Optional<Duration> retryAfter) {
        Duration d = retryAfter.orElseGet(() -> firstDelay.multipliedBy(1L << Math.min(n - 1, 20)));
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /** The Bot Connector's {@code Retry-After}, seconds or a date; garbage is ignored. */
    static Optional<Duration> parseRetryAfter(Optional<String> header) {
        return header.flatMap(h -> nl.protocolbot.http.RetryAfter.parse(h, java.time.Clock.systemUTC()));
    }
}
