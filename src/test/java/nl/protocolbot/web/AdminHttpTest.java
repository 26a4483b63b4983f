package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.Vote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management pages over real HTTP: login, its refusals and limit, the dashboard, linking and deleting. */
class AdminHttpTest {
    /** Off-topic for the bundled corpus: it finds nothing, so its text is kept. */
    static final String UNANSWERED = "Hoeveel vakantiedagen heb ik nog dit jaar?";
    @TempDir
    Path tmp;
    Site site;

    @BeforeEach
    void start() throws Exception {
        site = new Site(tmp, Optional.of(Site.PASSWORD));
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
        return site.post("/beheer/inloggen", Map.of("csrf", l.csrf(), "wachtwoord", password), cookie(l.cookie()));
    }

    static String[] cookie(String value) {
        return new String[] {"Cookie", WebEndpoint.COOKIE + "=" + value};
    }

    String signIn() throws Exception {
        HttpResponse<String> r = login(loginPage(), Site.PASSWORD);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/beheer", r.headers().firstValue("Location").orElse(""));
        return Site.sessionCookie(r);
    }

    HttpResponse<String> dashboard(String session) throws Exception {
        return site.get("/beheer", cookie(session));
    }

    /** The page a form leads to: {@code /beheer} with the session and the message the form left in its cookie. */
    String after(HttpResponse<String> form, String session) throws Exception {
        assertEquals(303, form.statusCode(), form.body());
        assertEquals("/beheer", form.headers().firstValue("Location").orElse(""), "no question text in the URL");
        String flash = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebEndpoint.FLASH_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(flash.contains("HttpOnly") && flash.contains("SameSite=Strict") && flash.contains("Path=/beheer")
                && flash.contains("Max-Age=60"), flash);
        HttpResponse<String> page = site.get("/beheer", "Cookie", WebEndpoint.COOKIE + "=" + session + "; "
                + flash.substring(0, flash.indexOf(';')));
        assertTrue(page.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(WebEndpoint.FLASH_COOKIE + "=;") && c.contains("Max-Age=0")),
                "the message is shown once");
        return page.body();
    }

    /** A question nobody answered, kept by asking it on the public page as staff would. */
    String keptUnanswered() throws Exception {
        assertTrue(site.get(Site.q(UNANSWERED)).body().contains("Niets gevonden"));
        return Long.toString(site.store.keptTexts().all().stream().filter(k -> k.question().equals(UNANSWERED))
                .reduce((a, b) -> b).orElseThrow().id());
    }

    @Test
    void sessionCookieIsHttpOnlyStrictScopedAndSecureBehindHttps() throws Exception {
        HttpResponse<String> r = site.get("/beheer");
        String set = r.headers().allValues("Set-Cookie").get(0);
        assertTrue(set.contains("HttpOnly"), set);
        assertTrue(set.contains("SameSite=Strict"), set);
        assertTrue(set.contains("Path=/beheer"), set);
        assertFalse(set.contains("Secure"), "plain HTTP on localhost: " + set);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        PublicHttpTest.assertSecurityHeaders(r);
        String proxied = site.get("/beheer", "X-Forwarded-Proto", "https").headers().allValues("Set-Cookie").get(0);
        assertTrue(proxied.contains("; Secure"), proxied);
    }

    @Test
    void theRightPasswordSignsInWithANewSessionAndLogoutEndsIt() throws Exception {
        Login l = loginPage();
        HttpResponse<String> r = login(l, Site.PASSWORD);
        assertEquals(303, r.statusCode());
        String session = Site.sessionCookie(r);
        assertNotNull(session);
        assertNotEquals(l.cookie(), session, "a new session after login");
        assertFalse(dashboard(l.cookie()).body().contains("Uitloggen"), "the login page's session is not signed in");
        HttpResponse<String> d = dashboard(session);
        assertTrue(d.body().contains("Uitloggen"), d.body());
        assertTrue(d.body().contains("<svg class=\"chart\""));
        assertTrue(d.body().contains(site.live().version().orElseThrow().fingerprint()));
        String csrf = Site.form(d.body(), "/beheer/uitloggen").get("csrf");
        HttpResponse<String> out = site.post("/beheer/uitloggen", Map.of("csrf", csrf), cookie(session));
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().allValues("Set-Cookie").get(0).contains("Max-Age=0"));
        assertFalse(dashboard(session).body().contains("Uitloggen"), "signed out");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Login l = loginPage();
        HttpResponse<String> r = login(l, "wrong horse battery staple");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Onjuist wachtwoord."));
        assertEquals(null, Site.sessionCookie(r), "no new session");
        assertFalse(dashboard(l.cookie()).body().contains("Uitloggen"), "still signed out");
    }

    @Test
    void aMissingOrWrongCsrfTokenIsRefusedEvenWithTheRightPassword() throws Exception {
        Login l = loginPage();
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD), cookie(l.cookie()))
                .statusCode(), "no token");
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", "x" + l.csrf()),
                cookie(l.cookie())).statusCode(), "wrong token");
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", l.csrf()))
                .statusCode(), "no session cookie");
        Login other = loginPage();
        assertEquals(403, site.post("/beheer/inloggen", Map.of("wachtwoord", Site.PASSWORD, "csrf", other.csrf()),
                cookie(l.cookie())).statusCode(), "another session's token");
        String admin = signIn();
        String id = keptUnanswered();
        assertEquals(403, site.post("/beheer/verwijder", Map.of("vraag", id), cookie(admin)).statusCode());
        assertEquals(403, site.post("/beheer/koppel", Map.of("vraag", id, "artikel", "aurora/3.5", "csrf", "x"),
                cookie(admin)).statusCode());
        assertEquals(403, site.post("/beheer/uitloggen", Map.of(), cookie(admin)).statusCode());
        assertEquals(1, site.store.keptTexts().all().size(), "nothing was deleted or linked");
        assertTrue(dashboard(admin).body().contains("Uitloggen"), "and still signed in");
    }

    @Test
    void afterFiveWrongPasswordsInAMinuteEvenTheRightOneWaits() throws Exception {
        Login l = loginPage();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(l, "guess number " + i).statusCode());
        }
        HttpResponse<String> limited = login(l, Site.PASSWORD);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.body().contains("Te veel pogingen"));
        int retry = Integer.parseInt(limited.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        assertEquals(null, Site.sessionCookie(limited));
    }

    @Test
    void dashboardShowsVotesChartsAndTheLastRefusedReload() throws Exception {
        site.store.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty());
        site.store.votes().vote(List.of("aurora/3.5"), Vote.DOWN, Optional.empty());
        keptUnanswered();
        Files.writeString(site.corpus.resolve("aurora.md"), "\n### [3.5] Dubbel\n\nTekst.\n",
                java.nio.file.StandardOpenOption.APPEND);
        site.live().reloadIfChanged();
        String html = dashboard(signIn()).body();
        assertTrue(html.contains("<a href=\"/artikel/aurora/3.5\">aurora/3.5</a>"), html);
        assertTrue(html.contains("<td class=\"num\">1</td><td class=\"num\">1</td>"), html);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String day = DateTimeFormatter.ofPattern("d MMM", Locale.forLanguageTag("nl-NL")).format(today);
        assertTrue(html.contains(day + ": 1 👍 nuttig, 1 👎 niet nuttig"), day + " in " + html);
        assertTrue(html.contains("wk " + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "</text>"), html);
        assertTrue(html.contains("aurora.md:"), "the refused reload's file and line: " + html);
        assertTrue(html.contains("corpus change refused"), html);
        assertTrue(html.contains(UNANSWERED), "the kept text is listed");
    }

    @Test
    void linkingAKeptQuestionAddsTheExampleReloadsTheCorpusAndRemovesTheText() throws Exception {
        String id = keptUnanswered();
        String before = site.live().version().orElseThrow().fingerprint();
        String session = signIn();
        String html = dashboard(session).body();
        Map<String, String> form = new HashMap<>(Site.form(html, "/beheer/koppel"));
        assertEquals(id, form.get("vraag"), "the form names the question by ID");
        form.put("artikel", "aurora/3.5");
        HttpResponse<String> r = site.post("/beheer/koppel", form, cookie(session));
        String after = after(r, session);
        assertTrue(Files.readString(site.corpus.resolve("examples/aurora.txt")).contains("aurora/3.5: " + UNANSWERED));
        assertNotEquals(before, site.live().version().orElseThrow().fingerprint(), "the live corpus reloaded");
        assertTrue(site.live().current().corpus().examples().stream()
                .anyMatch(e -> e.articleId().equals("aurora/3.5") && e.question().equals(UNANSWERED)));
        assertTrue(after.contains("Gekoppeld aan aurora/3.5"), after);
        assertFalse(after.contains(UNANSWERED), "the text is gone once linked");
        assertEquals(List.of(), site.store.keptTexts().all());
    }

    @Test
    void aLinkedQuestionIsAnsweredWithThatArticle() throws Exception {
        assertTrue(site.get(Site.q(BrowserTest.TEACH)).body().contains("Niets gevonden"));
        String session = signIn();
        Map<String, String> form = new HashMap<>(Site.form(dashboard(session).body(), "/beheer/koppel"));
        form.put("artikel", BrowserTest.ARTICLE);
        assertEquals(303, site.post("/beheer/koppel", form, cookie(session)).statusCode());
        String answer = site.get(Site.q(BrowserTest.TEACH)).body();
        String first = answer.substring(answer.indexOf("class=\"answer\""));
        first = first.substring(first.indexOf("href=\"/artikel/") + "href=\"/artikel/".length());
        assertEquals(BrowserTest.ARTICLE, first.substring(0, first.indexOf('"')), "answered first with that article");
        assertFalse(answer.contains("Niets gevonden"));
    }

    /** The question of the issue that taught nothing: it sounds like the out-of-scope questions about money. */
    static final String KERSTMUSICAL = "wat kost een kaartje voor de kerstmusical van de ouderraad?";

    @Test
    void teachingAlwaysTeachesEvenAQuestionThatSoundsOffTopic() throws Exception {
        assertTrue(site.get(Site.q(KERSTMUSICAL)).body().contains("Niets gevonden"));
        String session = signIn();
        Map<String, String> form = new HashMap<>(Site.form(dashboard(session).body(), "/beheer/koppel"));
        form.put("artikel", "aurora/3.5");
        assertEquals(303, site.post("/beheer/koppel", form, cookie(session)).statusCode());
        for (String asked : List.of(KERSTMUSICAL, "Wat kost een kaartje voor de KERSTMUSICAL van de ouderraad",
                "wat kost een kaartje voor de kerstmuzical van de ouderraad?")) {
            String answer = site.get(Site.q(asked)).body();
            assertFalse(answer.contains("Niets gevonden"), asked);
            String first = answer.substring(answer.indexOf("class=\"answer\""));
            first = first.substring(first.indexOf("href=\"/artikel/") + "href=\"/artikel/".length());
            assertEquals("aurora/3.5", first.substring(0, first.indexOf('"')), asked);
        }
    }

    @Test
    void theDashboardShowsTheLinksBetweenProtocolsAsCorrected() throws Exception {
        String html = dashboard(signIn()).body();
        assertTrue(html.contains("Koppelingen tussen protocollen"), html);
        List<String> rows = List.of(html.substring(html.indexOf("id=\"koppelingen-kop\"")).split("<tr>"));
        // the same rule ("bij twijfel contact met je leidinggevende") in Konot and Verkruisen: linked
        assertTrue(rows.stream().anyMatch(r -> r.contains(">konot/9</a>") && r.contains(">verkruisen/8</a>")), html);
        // the bundled links.txt says konot/9 != oog/situatie-1: never listed together
        assertFalse(rows.stream().anyMatch(r -> r.contains(">konot/9</a>") && r.contains(">oog/situatie-1</a>")));
    }

    @Test
    void linkingToAnUnknownArticleSaysWhyAndKeepsTheText() throws Exception {
        String id = keptUnanswered();
        String session = signIn();
        Map<String, String> form = new HashMap<>(Site.form(dashboard(session).body(), "/beheer/koppel"));
        form.put("artikel", "aurora/99");
        String after = after(site.post("/beheer/koppel", form, cookie(session)), session);
        assertTrue(after.contains("Niet gekoppeld: ") && after.contains("onbekend artikel-ID"), after);
        assertTrue(site.store.keptTexts().all().stream().anyMatch(k -> Long.toString(k.id()).equals(id)));
    }

    @Test
    void deletingAKeptQuestionRemovesItsText() throws Exception {
        String id = keptUnanswered();
        String session = signIn();
        Map<String, String> form = Site.form(dashboard(session).body(), "/beheer/verwijder");
        assertEquals(id, form.get("vraag"));
        String after = after(site.post("/beheer/verwijder", form, cookie(session)), session);
        assertEquals(List.<KeptTexts.Text>of(), site.store.keptTexts().all());
        assertTrue(after.contains("De vraag is verwijderd."));
    }

    @Test
    void withoutKeptTextsTheDashboardSaysHowToKeepThem() throws Exception {
        site.close();
        site = new Site(tmp.resolve("discard"), Optional.of(Site.PASSWORD), "PROTOCOLBOT_KEEP_UNANSWERED", "false");
        assertTrue(site.get(Site.q(UNANSWERED)).body().contains("Niets gevonden"));
        String html = dashboard(signIn()).body();
        assertTrue(html.contains("Zet <code>PROTOCOLBOT_KEEP_UNANSWERED=true</code>"), html);
        assertFalse(html.contains(UNANSWERED));
        assertFalse(html.contains("action=\"/beheer/koppel\""));
    }

    @Test
    void withTheBundledCorpusTextsAreListedButCannotBeLinked() throws Exception {
        site.close();
        site = new Site(tmp.resolve("bundled"), Optional.of(Site.PASSWORD), "PROTOCOLBOT_CORPUS", "");
        String id = keptUnanswered();
        String session = signIn();
        String html = dashboard(session).body();
        assertTrue(html.contains(UNANSWERED));
        assertTrue(html.contains("Koppelen aan een artikel kan alleen als de bot een corpusmap volgt"), html);
        assertFalse(html.contains("action=\"/beheer/koppel\""), "no form that cannot work");
        String csrf = Site.form(html, "/beheer/verwijder").get("csrf");
        assertTrue(after(site.post("/beheer/koppel", Map.of("csrf", csrf, "vraag", id, "artikel", "aurora/3.5"),
                cookie(session)), session).contains("Koppelen kan alleen als de bot een corpusmap volgt"));
        assertEquals(1, site.store.keptTexts().all().size());
    }

    @Test
    void formsWithoutASignedInSessionGoBackToTheLogin() throws Exception {
        String id = keptUnanswered();
        Login l = loginPage();
        HttpResponse<String> r = site.post("/beheer/verwijder", Map.of("vraag", id, "csrf", l.csrf()),
                cookie(l.cookie()));
        assertEquals(303, r.statusCode());
        assertEquals(1, site.store.keptTexts().all().size(), "nothing deleted");
    }
}
