package nl.protocolbot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import nl.protocolbot.metrics.Metrics;
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

    /** "Try again after a short pause" (the pause grows with the tries). */
    private static final Duration SOON = Duration.ZERO;

    /** One try of a call to Slack. */
    interface Attempt {
        Outcome run() throws IOException, SlackApiException;
    }

    /** A Web API method call, e.g. {@code chat.postMessage}. */
    interface ApiCall {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    /** A post to an interaction's {@code response_url}. */
    interface WebhookCall {
        WebhookResponse run() throws IOException;
    }

    private final AtomicLong lost;
    private final Metrics metrics;

    Poster(AtomicLong lost, Metrics metrics) {
        this.lost = lost;
        this.metrics = metrics;
    }

    /** What one try came to: delivered, or failed with a reason, and when it is worth trying again (null: never). */
    record Outcome(boolean delivered, String reason, Duration retryAfter) {
        static final Outcome DELIVERED = new Outcome(true, "", null);

        static Outcome permanent(String reason) {
            return new Outcome(false, reason, null);
        }
    }

    static Attempt api(ApiCall call) {
        return () -> {
            SlackApiTextResponse r = call.run();
            if (r.isOk()) {
                return Outcome.DELIVERED;
            }
            String error = Payloads.printable(r.getError());
            return TRANSIENT.contains(error) ? new Outcome(false, "error " + error, SOON)
                    : Outcome.permanent("error " + error);
        };
    }

    static Attempt webhook(WebhookCall call) {
        return () -> {
            WebhookResponse r = call.run();
            int status = r.getCode() == null ? 0 : r.getCode();
            if (status == 200) {
                return Outcome.DELIVERED;
            }
            List<String> after = r.getHeaders() == null ? null : r.getHeaders().entrySet().stream()
                    .filter(e -> "retry-after".equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return http(status, after == null || after.isEmpty() ? null : after.get(0));
        };
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
        Outcome o;
        try {
            o = attempt.run();
        } catch (SlackApiException e) {
            o = http(e.getResponse().code(), e.getResponse().header("Retry-After"));
        } catch (IOException e) {
            o = new Outcome(false, e.getClass().getSimpleName(), SOON);
        }
        return SOON.equals(o.retryAfter()) ? new Outcome(false, o.reason(), backoff(tries)) : o;
    }

    /** An HTTP failure: 429 waits as Slack asks, a 5xx a moment; anything else will not get better. */
    private static Outcome http(int status, String retryAfter) {
        if (status == 429) {
            return new Outcome(false, "HTTP 429", retryAfter(retryAfter));
        }
        return status >= 500 ? new Outcome(false, "HTTP " + status, SOON)
                : Outcome.permanent("HTTP " + status);
    }

    /** Slack's {@code Retry-After}; one second when it is missing or unreadable. */
    static Duration retryAfter(String header) {
        return nl.protocolbot.http.RetryAfter.parse(header, java.time.Clock.systemUTC()).orElse(Duration.ofSeconds(1));
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
