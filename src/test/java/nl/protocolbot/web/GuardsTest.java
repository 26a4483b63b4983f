package nl.protocolbot.web;

import nl.protocolbot.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.Database;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions, CSRF tokens, the login limit and the public vote tokens, on two stores over one SQLite file (two
 * replicas) and a clock the test moves.
 */
class GuardsTest {
    final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    final SecureRandom random = new SecureRandom();
    @TempDir
    Path dir;
    FeedbackStore a;
    FeedbackStore b;
    byte[] key;

    @BeforeEach
    void open() throws Exception {
        Database db = Database.inFolder(dir);
        a = TestStores.open(db, QuestionTexts.DISCARD, clock);
        b = TestStores.open(db, QuestionTexts.DISCARD, clock);
        key = a.webState().sharedKey("web-forms");
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
    }

    @Test
    void aSessionSignedInOnOneReplicaIsLiveOnTheOtherUntilLogout() throws Exception {
        Sessions one = new Sessions(a.webState(), key, random);
        Sessions other = new Sessions(b.webState(), b.webState().sharedKey("web-forms"), random);
        Sessions.Session anonymous = one.open();
        assertFalse(anonymous.admin());
        Sessions.Session admin = one.signIn();
        assertTrue(admin.admin());
        assertNotEquals(anonymous.cookie(), admin.cookie());
        assertNotEquals(anonymous.csrf(), admin.csrf());
        assertEquals(Optional.of(admin), other.find(admin.cookie()), "the same session, token and all, elsewhere");
        assertEquals(Optional.of(anonymous), other.find(anonymous.cookie()), "the login form's too");
        other.close(admin);
        assertEquals(Optional.empty(), one.find(admin.cookie()), "logged out everywhere");
    }

    @Test
    void onlyCookiesThisServerMadeAreSessions() throws Exception {
        Sessions sessions = new Sessions(a.webState(), key, random);
        String made = sessions.signIn().cookie();
        String guessed = "s." + made.substring(2, 44).replace(made.charAt(5), made.charAt(5) == 'A' ? 'B' : 'A');
        for (String cookie : new String[] {null, "", "s.", "x." + made.substring(2), guessed, made + "x",
            "s.' OR 1=1 --"}) {
            assertEquals(Optional.empty(), sessions.find(cookie), String.valueOf(cookie));
        }
        Sessions.Session login = sessions.open();
        assertNotEquals(login.csrf(),
                new Sessions(a.webState(), new byte[32], random).find(login.cookie()).orElseThrow().csrf(),
                "a token under another key is another token");
    }

    @Test
    void csrfTokenMustMatchExactly() {
        Sessions.Session s = new Sessions(a.webState(), key, random).open();
        assertTrue(Sessions.csrfMatches(s, s.csrf()));
        assertFalse(Sessions.csrfMatches(s, null));
        assertFalse(Sessions.csrfMatches(s, ""));
        assertFalse(Sessions.csrfMatches(s, s.csrf().substring(1)));
        assertFalse(Sessions.csrfMatches(s, new Sessions(a.webState(), key, random).open().csrf()));
    }

    @Test
    void sessionsEndAfterTwoIdleHoursOrAtLogout() throws Exception {
        Sessions sessions = new Sessions(a.webState(), key, random);
        Sessions.Session s = sessions.signIn();
        clock.advance(Duration.ofMinutes(119));
        assertTrue(sessions.find(s.cookie()).isPresent(), "use keeps it alive");
        clock.advance(Duration.ofMinutes(119));
        assertTrue(sessions.find(s.cookie()).isPresent());
        clock.advance(Duration.ofMinutes(121));
        assertTrue(sessions.find(s.cookie()).isEmpty());
        Sessions.Session t = sessions.signIn();
        sessions.close(t);
        assertTrue(sessions.find(t.cookie()).isEmpty());
    }

    @Test
    void fiveWrongPasswordsAMinuteOverAllReplicasThenEvenTheRightOneWaits() throws Exception {
        LoginLimiter one = new LoginLimiter(a.webState(), random);
        LoginLimiter other = new LoginLimiter(b.webState(), random);
        for (int i = 0; i < 5; i++) {
            assertEquals(LoginLimiter.Result.WRONG, (i % 2 == 0 ? one : other).attempt(() -> false));
            clock.advance(Duration.ofSeconds(5));
        }
        assertEquals(LoginLimiter.Result.LIMITED, one.attempt(() -> true));
        assertEquals(LoginLimiter.Result.LIMITED, other.attempt(() -> true));
        clock.advance(Duration.ofSeconds(35));
        assertEquals(LoginLimiter.Result.SIGNED_IN, other.attempt(() -> true), "the first wrong one is a minute old");
        assertEquals(LoginLimiter.Result.WRONG, one.attempt(() -> false));
        assertEquals(LoginLimiter.Result.LIMITED, one.attempt(() -> true), "five in the last minute again");
    }

    @Test
    void aFlashMessageSurvivesItsCookieAndNothingElseDoes() {
        Sessions.Flash f = new Sessions.Flash("Gekoppeld aan aurora/3.5: <b>ok</b>", false);
        assertEquals(Optional.of(f), WebEndpoint.flash(WebEndpoint.flash(f)));
        Sessions.Flash p = new Sessions.Flash("Niet gekoppeld: onbekend artikel-ID", true);
        assertEquals(Optional.of(p), WebEndpoint.flash(WebEndpoint.flash(p)));
        assertTrue(WebEndpoint.flash(f).matches("[A-Za-z0-9_-]+"), "a cookie value needs no quoting");
        for (String bad : new String[] {"", "%%%", "eA", "IQ"}) {
            assertEquals(Optional.empty(), WebEndpoint.flash(bad), bad);
        }
    }

    @Test
    void voteTokenOnlyForWhatWasShownUntilItExpiresOnEveryReplica() throws Exception {
        VoteTokens tokens = new VoteTokens(key, random, clock);
        Views.VoteForm f = tokens.issue(List.of("aurora/3.5", "konot/3"), "mag ik een foto posten");
        VoteTokens.Vote v = tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), f.token()).orElseThrow();
        assertEquals(List.of("aurora/3.5", "konot/3"), v.articleIds());
        assertEquals("mag ik een foto posten", v.question());
        assertTrue(new VoteTokens(b.webState().sharedKey("web-forms"), random, clock).check(f.ids(), f.question(), f.nonce(),
                f.expires(), f.token()).isPresent(), "another replica accepts it");
        assertTrue(tokens.check("aurora/3.6", f.question(), f.nonce(), f.expires(), f.token()).isEmpty());
        assertTrue(tokens.check(f.ids(), "iets anders", f.nonce(), f.expires(), f.token()).isEmpty());
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), null).isEmpty());
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), "99999999999", f.token()).isEmpty());
        assertTrue(new VoteTokens(new byte[32], random, clock).check(f.ids(), f.question(), f.nonce(), f.expires(),
                f.token()).isEmpty(), "another key");
        clock.advance(VoteTokens.VALID.plusSeconds(1));
        assertTrue(tokens.check(f.ids(), f.question(), f.nonce(), f.expires(), f.token()).isEmpty());
    }
}
