package nl.protocolbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After as RFC 9110 allows it: seconds or an HTTP date. */
class RetryAfterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsDatesAndGarbage() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Tue, 08 Dec 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ofHours(1)), RetryAfter.parse("86400", NOW), "believed up to an hour");
        assertEquals(Optional.empty(), RetryAfter.parse("-1", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }
}
