package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions, CSRF tokens, the login limit and the public vote tokens, on a clock the test moves. */
class GuardsTest {
    final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    final SecureRandom random = new SecureRandom();

    @Test
    void signingInReplacesTheSessionAndItsToken() {
        Sessions sessions = new Sessions(random, clock);
        Sessions.Session anonymous = sessions.open();
        assertFalse(anonymous.admin());
        Sessions.Session admin = sessions.signIn(anonymous);
        assertTrue(admin.admin());
        assertNotEquals(anonymous.id(), admin.id());
        assertNotEquals(anonymous.csrf(), admin.csrf());
        assertTrue(sessions.find(anonymous.id()).isEmpty(), "the login page's session is gone");
        assertTrue(sessions.find(admin.id()).orElseThrow().admin());
        assertEquals(43, admin.id().length(), "256 random bits, base64url");
    }

    @Test
    void csrfTokenMustMatchExactly() {
        Sessions.Session s = new Sessions(random, clock).open();
        assertTrue(Sessions.csrfMatches(s, s.csrf()));
        assertFalse(Sessions.csrfMatches(s, null));
        assertFalse(Sessions.csrfMatches(s, ""));
        assertFalse(Sessions.csrfMatches(s, s.csrf().substring(1)));
        assertFalse(Sessions.csrfMatches(s, new Sessions(random, clock).open().csrf()));
    }

    @Test
    void sessionsEndAfterTwoIdleHoursOrAtLogout() {
        Sessions sessions = new Sessions(random, clock);
        Sessions.Session a = sessions.signIn(sessions.open());
        clock.advance(Duration.ofMinutes(119));
        assertTrue(sessions.find(a.id()).isPresent(), "use keeps it alive");
        clock.advance(Duration.ofMinutes(119));
        assertTrue(sessions.find(a.id()).isPresent());
        clock.advance(Duration.ofMinutes(121));
        assertTrue(sessions.find(a.id()).isEmpty());
        Sessions.Session b = sessions.signIn(sessions.open());
        sessions.close(b);
        assertTrue(sessions.find(b.id()).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("made-up").isEmpty());
    }

    @Test
    void floodingLoginPagesNeitherGrowsWithoutBoundNorEndsASignedInSession() {
        Sessions sessions = new Sessions(random, clock);
        Sessions.Session admin = sessions.signIn(sessions.open());
        for (int i = 0; i < Sessions.MAX * 2; i++) {
            sessions.open();
        }
        assertEquals(Sessions.MAX, sessions.size());
        assertTrue(sessions.find(admin.id()).isPresent());
    }

    @Test
    void aFlashMessageIsShownOnce() {
        Sessions sessions = new Sessions(random, clock);
        Sessions.Session s = sessions.signIn(sessions.open());
        sessions.flash(s, new Sessions.Flash("Gekoppeld.", false));
        Sessions.Session seen = sessions.find(s.id()).orElseThrow();
        assertEquals("Gekoppeld.", sessions.takeFlash(seen).text());
        assertEquals(Sessions.Flash.NONE, sessions.takeFlash(sessions.find(s.id()).orElseThrow()));
    }

    @Test
    void fiveWrongPasswordsAMinuteThenEvenTheRightOneWaits() {
        LoginLimiter limiter = new LoginLimiter(clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(LoginLimiter.Result.WRONG, limiter.attempt(() -> false));
            clock.advance(Duration.ofSeconds(5));
        }
        assertEquals(LoginLimiter.Result.LIMITED, limiter.attempt(() -> true));
        assertEquals(Duration.ofSeconds(35), limiter.retryAfter());
        clock.advance(Duration.ofSeconds(35));
        assertEquals(LoginLimiter.Result.SIGNED_IN, limiter.attempt(() -> true));
        assertEquals(LoginLimiter.Result.WRONG, limiter.attempt(() -> false));
        assertEquals(LoginLimiter.Result.LIMITED, limiter.attempt(() -> true), "five in the last minute again");
    }

    @Test
    void voteTokenOnlyForWhatWasShownAndOnlyUntilItExpires() {
        VoteTokens tokens = new VoteTokens(random, clock);
        Views.VoteForm f = tokens.issue(List.of("aurora/3.5", "konot/3"), "mag ik een foto posten");
        VoteTokens.Vote v = tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), f.token()).orElseThrow();
        assertEquals(List.of("aurora/3.5", "konot/3"), v.articleIds());
        assertEquals("mag ik een foto posten", v.question());
        assertTrue(tokens.check("aurora/3.6", f.question(), f.nonce(), f.expires(), f.token()).isEmpty());
        assertTrue(tokens.check(f.ids(), "iets anders", f.nonce(), f.expires(), f.token()).isEmpty());
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), null).isEmpty());
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), "99999999999", f.token()).isEmpty());
        assertTrue(new VoteTokens(random, clock).check(f.ids(), f.question(), f.nonce(), f.expires(), f.token())
                .isEmpty(), "another server's key");
        clock.advance(VoteTokens.VALID.plusSeconds(1));
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), f.token()).isEmpty());
    }
}
