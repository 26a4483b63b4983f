package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management pages over real HTTP: login, its refusals and limit, the dashboard, linking and deleting. */
class AdminHttpTest {
    static final String QUESTION = "mag ik de zwemles van mijn groep filmen voor het ouderportaal";
    @TempDir
    Path tmp;
    Site site;
    final TestClock clock = new TestClock(Instant.parse("2026-03-04T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        site = new Site(tmp, Optional.of(Site.PASSWORD), clock);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    /** The login page: its session cookie and its form's token. */
    record Login(String cookie, String csrf) {
    }

    Login loginPage(String... headers) throws Exception {
        HttpResponse<String> r = site.get("/beheer", headers);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<label for=\"wachtwoord\">Wachtwoord</label>"));
        return new Login(Site.sessionCookie(r), Site.form(r.body(), "/beheer/inloggen").get("csrf"));
    }

    HttpResponse<String> login(Login l, String password) throws Exception {
        return site.post("/beheer/inloggen", Map.of("csrf", l.csrf(), "wachtwoord", password),
                "Cookie", WebHandler.COOKIE + "=" + l.cookie());
    }

    String signIn() throws Exception {
        HttpResponse<String> r = login(loginPage(), Site.PASSWORD);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/beheer", r.headers().firstValue("Location").orElse(""));
        return Site.sessionCookie(r);
    }

    HttpResponse<String> dashboard(String cookie) throws Exception {
        return site.get("/beheer", "Cookie", WebHandler.COOKIE + "=" + cookie);
    }

    @Test
    void sessionCookieIsHttpOnlyStrictScopedAndSecureBehindHttps() throws Exception {
        HttpResponse<String> r = site.get("/beheer");
        String cookie = r.headers().allValues("Set-Cookie").get(0);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/beheer"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP on localhost: " + cookie);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        PublicHttpTest.assertSecurityHeaders(r);
        String proxied = site.get("/beheer", "X-Forwarded-Proto", "https").headers().allValues("Set-Cookie").get(0);
        assertTrue(proxied.contains("Secure"), proxied);
    }

    @Test
    void theRightPasswordSignsInWithANewSessionAndLogoutEndsIt() throws Exception {
        Login l = loginPage();
        HttpResponse<String> r = login(l, Site.PASSWORD);
        assertEquals(303, r.statusCode());
        String cookie = Site.sessionCookie(r);
        assertNotNull(cookie);
        assertNotEquals(l.cookie(), cookie, "a new session after login");
        assertEquals(200, dashboard(l.cookie()).statusCode());
        assertFalse(dashboard(l.cookie()).body().contains("Uitloggen"), "the old session does not sign in");
        HttpResponse<String> d = dashboard(cookie);
        assertTrue(d.body().contains("Uitloggen"), d.body());
        assertTrue(d.body().contains("<svg class=\"chart\""));
        assertTrue(d.body().contains(site.live.version().orElseThrow().fingerprint()));
        String csrf = Site.form(d.body(), "/beheer/uitloggen").get("csrf");
        HttpResponse<String> out = site.post("/beheer/uitloggen", Map.of("csrf", csrf),
                "Cookie", WebHandler.COOKIE + "=" + cookie);
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().allValues("Set-Cookie").get(0).contains("Max-Age=0"));
        assertFalse(dashboard(cookie).body().contains("Uitloggen"), "signed out");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Login l = loginPage();
        HttpResponse<String> r = login(l, "wrong horse battery staple");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Onjuist wachtwoord."));
        assertFalse(dashboard(l.cookie()).body().contains("Uitloggen"), "still signed out");
    }

    @Test
    void aMissingOrWrongCsrfTokenIsRefusedEvenWithTheRightPassword() throws Exception {
        Login l = loginPage();
        String cookie = "Cookie";
        String value = WebHandler.COOKIE + "=" + l.cookie();
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD), cookie, value)
                .statusCode());
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", "x" + l.csrf()),
                cookie, value).statusCode());
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", l.csrf()))
                .statusCode(), "no session cookie");
        Login other = loginPage();
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", other.csrf()),
                cookie, value).statusCode(), "another session's token");
        String admin = signIn();
        HttpResponse<String> noToken = site.post("/beheer/verwijder", Map.of("vraag", "k1"),
                cookie, WebHandler.COOKIE + "=" + admin);
        assertEquals(403, noToken.statusCode());
        assertEquals(403, site.post("/beheer/koppel", Map.of("vraag", "k1", "artikel", "aurora/3.5", "csrf", "x"),
                cookie, WebHandler.COOKIE + "=" + admin).statusCode());
        assertEquals(403, site.post("/beheer/uitloggen", Map.of(), cookie, WebHandler.COOKIE + "=" + admin)
                .statusCode());
    }

    @Test
    void afterFiveWrongPasswordsInAMinuteEvenTheRightOneWaits() throws Exception {
        Login l = loginPage();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(l, "guess " + i).statusCode());
        }
        HttpResponse<String> limited = login(l, Site.PASSWORD);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.body().contains("Te veel pogingen"));
        assertEquals("60", limited.headers().firstValue("Retry-After").orElse(""));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(303, login(l, Site.PASSWORD).statusCode());
    }

    @Test
    void dashboardShowsVotesChartsAndTheLastRefusedReload() throws Exception {
        site.store.vote(List.of("aurora/3.5"), true);
        site.store.vote(List.of("aurora/3.5"), false);
        site.store.unanswered("iets");
        Files.writeString(site.corpus.resolve("aurora.md"), "\n### [3.5] Dubbel\n\nTekst.\n",
                java.nio.file.StandardOpenOption.APPEND);
        site.live.reloadIfChanged();
        String html = dashboard(signIn()).body();
        assertTrue(html.contains("<a href=\"/artikel/aurora/3.5\">aurora/3.5</a>"), html);
        assertTrue(html.contains("<td class=\"num\">1</td><td class=\"num\">1</td>"), html);
        assertTrue(html.contains("4 mrt") && html.contains("1 👍, 1 👎"), html);
        assertTrue(html.contains("wk 10"), html);
        assertTrue(html.contains("aurora.md:"), "the refused reload's file and line: " + html);
        assertTrue(html.contains("corpus change refused"), html);
    }

    @Test
    void linkingAKeptQuestionAddsTheExampleReloadsTheCorpusAndRemovesTheText() throws Exception {
        String id = site.kept.add(WebApp.Kind.UNANSWERED, QUESTION, List.of());
        String before = site.live.version().orElseThrow().fingerprint();
        String cookie = signIn();
        String html = dashboard(cookie).body();
        assertTrue(html.contains(QUESTION), "the kept text is shown");
        Map<String, String> form = new HashMap<>(Site.form(html, "/beheer/koppel"));
        assertEquals(id, form.get("vraag"), "the form names the question by ID");
        form.put("artikel", "aurora/3.5");
        HttpResponse<String> r = site.post("/beheer/koppel", form, "Cookie", WebHandler.COOKIE + "=" + cookie);
        assertEquals(303, r.statusCode());
        assertEquals("/beheer", r.headers().firstValue("Location").orElse(""), "no question text in the URL");
        assertTrue(Files.readString(site.corpus.resolve("examples/aurora.txt")).contains("aurora/3.5: " + QUESTION));
        assertNotEquals(before, site.live.version().orElseThrow().fingerprint(), "the live corpus reloaded");
        String after = dashboard(cookie).body();
        assertTrue(after.contains("Gekoppeld aan aurora/3.5"), after);
        assertFalse(after.contains(QUESTION), "the text is gone once linked");
    }

    @Test
    void linkingToAnUnknownArticleSaysWhyAndKeepsTheText() throws Exception {
        String id = site.kept.add(WebApp.Kind.DOWNVOTED, QUESTION, List.of("aurora/3.4"));
        String cookie = signIn();
        Map<String, String> form = new HashMap<>(Site.form(dashboard(cookie).body(), "/beheer/koppel"));
        form.put("artikel", "aurora/99");
        assertEquals(303, site.post("/beheer/koppel", form, "Cookie", WebHandler.COOKIE + "=" + cookie).statusCode());
        String after = dashboard(cookie).body();
        assertTrue(after.contains("Niet gekoppeld: ") && after.contains("onbekend artikel-ID"), after);
        assertTrue(site.kept.find(id).isPresent());
    }

    @Test
    void deletingAKeptQuestionRemovesItsText() throws Exception {
        String id = site.kept.add(WebApp.Kind.UNANSWERED, "Waar kan ik parkeren?", List.of());
        String cookie = signIn();
        Map<String, String> form = Site.form(dashboard(cookie).body(), "/beheer/verwijder");
        assertEquals(id, form.get("vraag"));
        HttpResponse<String> r = site.post("/beheer/verwijder", form, "Cookie", WebHandler.COOKIE + "=" + cookie);
        assertEquals(303, r.statusCode());
        assertTrue(site.kept.find(id).isEmpty());
        assertTrue(dashboard(cookie).body().contains("De vraag is verwijderd."));
    }

    @Test
    void formsWithoutASignedInSessionGoBackToTheLogin() throws Exception {
        site.kept.add(WebApp.Kind.UNANSWERED, QUESTION, List.of());
        Login l = loginPage();
        HttpResponse<String> r = site.post("/beheer/verwijder", Map.of("vraag", "k1", "csrf", l.csrf()),
                "Cookie", WebHandler.COOKIE + "=" + l.cookie());
        assertEquals(303, r.statusCode());
        assertEquals(1, site.kept.kept.size(), "nothing deleted");
    }
}
