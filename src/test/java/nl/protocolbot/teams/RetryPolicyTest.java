package nl.protocolbot.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The connector's retry policy, with failures injected by Mockito and the waits recorded instead of slept. */
class RetryPolicyTest {
    final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8));
    final List<Duration> waits = new ArrayList<>();
    final RetryPolicy.Sleeper sleeper = waits::add;
    final RetryPolicy.Attempt attempt = mock(RetryPolicy.Attempt.class);

    static RetryPolicy.Result status(int s) {
        return new RetryPolicy.Result(s, Optional.empty());
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedUntilSuccess() throws Exception {
        when(attempt.call()).thenReturn(new RetryPolicy.Result(429, Optional.of(Duration.ofSeconds(3))),
                status(503), status(201));
        RetryPolicy.Outcome outcome = policy.run(attempt, sleeper);
        assertTrue(outcome.ok());
        assertEquals(3, outcome.attempts());
        verify(attempt, times(3)).call();
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(2)), waits,
                "Retry-After first, then the doubled backoff for the second failure");
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        when(attempt.call()).thenReturn(status(500));
        RetryPolicy.Outcome outcome = policy.run(attempt, sleeper);
        assertFalse(outcome.ok());
        assertEquals(4, outcome.attempts());
        assertEquals(500, outcome.last().status());
        verify(attempt, times(4)).call();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        when(attempt.call()).thenReturn(status(403));
        RetryPolicy.Outcome outcome = policy.run(attempt, sleeper);
        assertEquals(1, outcome.attempts());
        assertEquals(403, outcome.last().status());
        assertTrue(waits.isEmpty());
    }

    @Test
    void aFailedConnectionIsRetried() throws Exception {
        when(attempt.call()).thenThrow(new IOException("connection refused")).thenReturn(status(200));
        RetryPolicy.Outcome outcome = policy.run(attempt, sleeper);
        assertTrue(outcome.ok());
        assertEquals(2, outcome.attempts());
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void aLongRetryAfterIsCappedSoThatTheTotalStaysBounded() throws Exception {
        when(attempt.call()).thenReturn(new RetryPolicy.Result(429, Optional.of(Duration.ofSeconds(3600))));
        RetryPolicy.Outcome outcome = policy.run(attempt, sleeper);
        assertFalse(outcome.ok());
        assertEquals(List.of(Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8)), waits);
    }

    @Test
    void retryAfterIsReadAsSecondsOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryPolicy.parseRetryAfter(Optional.of(" 7 ")));
        // a date in the past: try again at once
        assertEquals(Optional.of(Duration.ZERO),
                RetryPolicy.parseRetryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT")));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.of("-1")));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.empty()));
    }
}
