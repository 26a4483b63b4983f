package nl.protocolbot.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What replicas share through the store besides feedback: keys made once, claims with a sliding expiry, and live
 * claims counted by prefix; on SQLite with a moving clock, and on a real PostgreSQL with two stores.
 */
@ExtendWith(TestPostgres.class)
class SharedStateTest {
    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void claimsExtendWhileLiveAndAreCountedByPrefix(@TempDir Path dir) throws Exception {
        Moving clock = new Moving();
        FeedbackStore.Database db = FeedbackStore.Database.inFolder(dir);
        try (FeedbackStore s = FeedbackStore.builder(db).clock(clock).open()) {
            assertFalse(s.extend("web-session:x", Duration.ofMinutes(10)), "never claimed");
            assertTrue(s.claim("web-session:x", Duration.ofMinutes(10)));
            clock.now = clock.now.plus(Duration.ofMinutes(9));
            assertTrue(s.extend("web-session:x", Duration.ofMinutes(10)), "used within its time: kept alive");
            clock.now = clock.now.plus(Duration.ofMinutes(9));
            assertTrue(s.extend("web-session:x", Duration.ofMinutes(10)), "18 minutes after the claim, still alive");
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertFalse(s.extend("web-session:x", Duration.ofMinutes(10)), "unused for 11 minutes: gone");
            s.claim("weblogin:1", Duration.ofMinutes(1));
            s.claim("weblogin:2", Duration.ofMinutes(1));
            s.claim("other:3", Duration.ofMinutes(1));
            assertEquals(2, s.live("weblogin:"));
            clock.now = clock.now.plus(Duration.ofSeconds(61));
            assertEquals(0, s.live("weblogin:"));
            assertThrows(IllegalArgumentException.class, () -> s.live("web_login%"));
        }
    }

    @Test
    void aSharedKeyIsMadeOnceAndReadByEveryStore(@TempDir Path dir) throws Exception {
        FeedbackStore.Database db = FeedbackStore.Database.inFolder(dir);
        byte[] first;
        try (FeedbackStore a = FeedbackStore.builder(db).open(); FeedbackStore b = FeedbackStore.builder(db).open()) {
            first = a.sharedKey("web-forms");
            assertEquals(32, first.length);
            assertArrayEquals(first, b.sharedKey("web-forms"));
            assertFalse(Arrays.equals(first, a.sharedKey("other")));
        }
        try (FeedbackStore again = FeedbackStore.builder(db).open()) {
            assertArrayEquals(first, again.sharedKey("web-forms"), "it survives a restart");
        }
    }

    @Test
    void onPostgresTwoStoresShareKeysAndClaims(TestPostgres.Db pg) throws Exception {
        try (FeedbackStore a = FeedbackStore.builder(pg.database()).open();
             FeedbackStore b = FeedbackStore.builder(pg.database()).open()) {
            assertArrayEquals(a.sharedKey("web-forms"), b.sharedKey("web-forms"));
            assertTrue(a.claim("web-session:y", Duration.ofMinutes(10)));
            assertTrue(b.extend("web-session:y", Duration.ofMinutes(10)), "a session made on one replica is live on the other");
            b.release("web-session:y");
            assertFalse(a.extend("web-session:y", Duration.ofMinutes(10)), "and ended for both");
            a.claim("weblogin:a", Duration.ofMinutes(1));
            b.claim("weblogin:b", Duration.ofMinutes(1));
            assertEquals(2, a.live("weblogin:"));
        }
    }
}
