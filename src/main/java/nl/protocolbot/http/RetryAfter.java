package nl.protocolbot.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP {@code Retry-After} header (RFC 9110, 10.2.3): a number of seconds, or a date. One reading for every
 * platform the bot posts to (Slack sends seconds, the Bot Connector may send either). Written here because neither
 * the JDK's HTTP client nor OkHttp parses it.
 */
public final class RetryAfter {
    /** The longest wait a header is believed for: a larger value is read as this. */
    static final Duration LONGEST = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** The wait the header asks for; empty when it is missing, negative, or neither a number nor a date. */
    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.matches("\\d{1,9}")) {
            Duration d = Duration.ofSeconds(Long.parseLong(v));
            return Optional.of(d.compareTo(LONGEST) > 0 ? LONGEST : d);
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d.compareTo(LONGEST) > 0 ? LONGEST : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
