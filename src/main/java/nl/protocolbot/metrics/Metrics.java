package nl.protocolbot.metrics;

import java.time.Duration;
import nl.protocolbot.answer.Answer;

/**
 * What the chat adapters and the live corpus report for {@code /metrics}: counts and timings only. Every label
 * comes from a fixed set (the enums here), so no question text, user ID or other unbounded value can become one.
 * The server passes one instance to each part by constructor.
 */
public interface Metrics {
    /** Where a question or vote came from. */
    enum Platform {
        SLACK, TEAMS_WEBHOOK, TEAMS_BOT, WEB;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A 👍 or a 👎. */
    enum Vote { UP, DOWN }

    /** How work was shed under load. */
    enum Shed {
        /** the question got "het is even druk" instead of an answer */
        BUSY_NOTICE,
        /** the request was refused (HTTP 503, or left unacknowledged) for the platform to retry */
        REFUSED
    }

    /** A corpus change that was loaded, or refused (the old index keeps serving). */
    enum Reload { LOADED, REFUSED }

    /** A question was answered (with articles, with "niets gevonden", or as not understood) after {@code latency}. */
    void answered(Platform platform, Answer.Status status, Duration latency);

    void voted(Platform platform, Vote vote);

    void shed(Platform platform, Shed how);

    /** A post to the platform failed and is tried again. */
    void retried(Platform platform);

    /** A post to the platform was given up after its retries: a reply that never arrived. */
    void lost(Platform platform);

    void corpus(Reload reload);

    /** Counts nothing: for parts used outside the server (bench, tests of one part). */
    Metrics NONE = new Metrics() {
        @Override
        public void answered(Platform platform, Answer.Status status, Duration latency) {
        }

        @Override
        public void voted(Platform platform, Vote vote) {
        }

        @Override
        public void shed(Platform platform, Shed how) {
        }

        @Override
        public void retried(Platform platform) {
        }

        @Override
        public void lost(Platform platform) {
        }

        @Override
        public void corpus(Reload reload) {
        }
    };
}
