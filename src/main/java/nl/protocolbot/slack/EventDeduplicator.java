package nl.protocolbot.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers Slack event IDs for a while, so that a retried event (HTTP's {@code X-Slack-Retry-Num}, Socket Mode's
 * {@code retry_attempt}) is never answered twice. Bounded in size; thread-safe.
 */
final class EventDeduplicator {
    static final Duration KEEP = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    EventDeduplicator(Clock clock) {
        this.clock = clock;
    }

    /** True the first time an ID is seen (within {@link #KEEP}); false for a repeat. */
    boolean firstTime(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            return true;
        }
        long now = clock.millis();
        if (seen.size() >= MAX_ENTRIES) {
            evict(now);
        }
        Long before = seen.putIfAbsent(eventId, now);
        if (before == null) {
            return true;
        }
        if (now - before > KEEP.toMillis()) {
            return seen.replace(eventId, before, now);
        }
        return false;
    }

    private void evict(long now) {
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() > KEEP.toMillis()) {
                it.remove();
            }
        }
        if (seen.size() >= MAX_ENTRIES) {
            // still full of fresh IDs: forget the oldest half rather than grow without bound
            long cutoff = seen.values().stream().sorted().skip(MAX_ENTRIES / 2).findFirst().orElse(now);
            seen.values().removeIf(t -> t < cutoff);
        }
    }
}
