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
        Database db = Database.inFolder(dir);
        try (FeedbackStore s = TestStores.open(db, QuestionTexts.DISCARD, clock)) {
            assertFalse(s.webState().extend("web-session:x", Duration.ofMinutes(10)), "never claimed");
            assertTrue(s.claims().claim("web-session:x", Duration.ofMinutes(10)));
            clock.now = clock.now.plus(Duration.ofMinutes(9));
            assertTrue(s.webState().extend("web-session:x", Duration.ofMinutes(10)), "used within its time: kept alive");
            clock.now = clock.now.plus(Duration.ofMinutes(9));
            assertTrue(s.webState().extend("web-session:x", Duration.ofMinutes(10)),
                    "18 minutes after the claim, still alive");
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertFalse(s.webState().extend("web-session:x", Duration.ofMinutes(10)), "unused for 11 minutes: gone");
            s.claims().claim("weblogin:1", Duration.ofMinutes(1));
            s.claims().claim("weblogin:2", Duration.ofMinutes(1));
            s.claims().claim("other:3", Duration.ofMinutes(1));
            assertEquals(2, s.webState().live("weblogin:"));
            clock.now = clock.now.plus(Duration.ofSeconds(61));
            assertEquals(0, s.webState().live("weblogin:"));
            assertThrows(IllegalArgumentException.class, () -> s.webState().live("web_login%"));
        }
    }

    @Test
    void aSharedKeyIsMadeOnceAndReadByEveryStore(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        byte[] first;
        try (FeedbackStore a = FeedbackStore.open(db, QuestionTexts.DISCARD);
             FeedbackStore b = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            first = a.webState().sharedKey("web-forms");
            assertEquals(32, first.length);
            assertArrayEquals(first, b.webState().sharedKey("web-forms"));
            assertFalse(Arrays.equals(first, a.webState().sharedKey("other")));
        }
        try (FeedbackStore again = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            assertArrayEquals(first, again.webState().sharedKey("web-forms"), "it survives a restart");
        }
    }

    @Test
    void onPostgresTwoStoresShareKeysAndClaims(TestPostgres.Db pg) throws Exception {
        try (FeedbackStore a = FeedbackStore.open(pg.database(), QuestionTexts.DISCARD);
             FeedbackStore b = FeedbackStore.open(pg.database(), QuestionTexts.DISCARD)) {
            assertArrayEquals(a.webState().sharedKey("web-forms"), b.webState().sharedKey("web-forms"));
            assertTrue(a.claims().claim("web-session:y", Duration.ofMinutes(10)));
            assertTrue(b.webState().extend("web-session:y", Duration.ofMinutes(10)),
                    "a session made on one replica is live on the other");
            b.claims().release("web-session:y");
            assertFalse(a.webState().extend("web-session:y", Duration.ofMinutes(10)), "and ended for both");
            a.claims().claim("weblogin:a", Duration.ofMinutes(1));
            b.claims().claim("weblogin:b", Duration.ofMinutes(1));
            assertEquals(2, a.webState().live("weblogin:"));
        }
    }
}
