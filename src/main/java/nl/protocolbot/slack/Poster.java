package nl.protocolbot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import nl.protocolbot.server.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one call to the Slack Web API with a bounded retry: at most {@link #MAX_TRIES} tries within
 * {@link #BUDGET}, waiting as long as Slack's {@code Retry-After} asks after a 429, and a short back-off after a 5xx,
 * a transient Slack error or a network failure. A call given up is logged (method and reason only) and counted.
 *
 * <p>Written here because the Java Slack SDK retries nothing: its synchronous client throws on a 429, and its
 * asynchronous client only spaces calls out by method tier and still fails the rate-limited call.
 */
final class Poster {
    private static final Logger LOG = LoggerFactory.getLogger(Poster.class);
    static final int MAX_TRIES = 3;
    static final Duration BUDGET = Duration.ofSeconds(30);
    /** Slack's {@code ok:false} errors that say "try again" rather than "this will never work". */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    /** One try of a Web API call. */
    interface Attempt {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    private final AtomicLong lost;
    private final Metrics metrics;

    Poster(AtomicLong lost, Metrics metrics) {
        this.lost = lost;
        this.metrics = metrics;
    }

    /** What one try came to: delivered, or failed with a reason, and when it is worth trying again. */
    private record Outcome(boolean delivered, String reason, Duration retryAfter) {
        static Outcome permanent(String reason) {
            return new Outcome(false, reason, null);
        }
    }

    /** Sends the call; true when Slack took it. */
    boolean send(String method, Attempt attempt) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Outcome last = null;
        int tries = 0;
        while (tries < MAX_TRIES) {
            tries++;
            last = once(attempt, tries);
            if (last.delivered()) {
                return true;
            }
            if (last.retryAfter() == null || tries == MAX_TRIES
                    || System.nanoTime() + last.retryAfter().toNanos() > deadline || !sleep(last.retryAfter())) {
                break;
            }
            metrics.retried(Metrics.Platform.SLACK);
        }
        lost.incrementAndGet();
        metrics.lost(Metrics.Platform.SLACK);
        LOG.warn("{} lost after {} {}: {}", method, tries, tries == 1 ? "try" : "tries", last.reason());
        return false;
    }

    private static Outcome once(Attempt attempt, int tries) {
        try {
            SlackApiTextResponse r = attempt.run();
            if (r.isOk()) {
                return new Outcome(true, "", null);
            }
            String error = PayloadTypes.printable(r.getError());
            return TRANSIENT.contains(error) ? new Outcome(false, "error " + error, backoff(tries))
                    : Outcome.permanent("error " + error);
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new Outcome(false, "HTTP 429", retryAfter(e.getResponse().header("Retry-After")));
            }
            return status >= 500 ? new Outcome(false, "HTTP " + status, backoff(tries))
                    : Outcome.permanent("HTTP " + status);
        } catch (IOException e) {
            return new Outcome(false, e.getClass().getSimpleName(), backoff(tries));
        }
    }

    /** Slack's {@code Retry-After} in seconds; one second when it is missing or unreadable. */
    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header == null ? "1" : header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Duration backoff(int tries) {
        return Duration.ofSeconds(tries);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
