package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public pages over real HTTP: what they show, their headers, and what they refuse. */
class PublicHttpTest {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    @TempDir
    static Path tmp;
    static Site site;

    @BeforeAll
    static void start() throws Exception {
        site = new Site(tmp, Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    static void assertSecurityHeaders(HttpResponse<?> r) {
        assertEquals(CSP, r.headers().firstValue("Content-Security-Policy").orElse(""), r.uri().getPath());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
    }

    static void assertNoCookie(HttpResponse<?> r) {
        assertEquals(List.of(), r.headers().allValues("Set-Cookie"), r.uri().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?q=mag+ik+vloeken+in+een+tweet", "/?q=waar+kan+ik+parkeren", "/artikel/aurora/3.5",
        "/protocol/konot", "/static/style.css", "/artikel/aurora/99", "/nergens", "/beheer", "/stem"})
    void everyResponseHasTheSecurityHeadersAndNoPublicPageSetsACookie(String path) throws Exception {
        HttpResponse<String> r = site.get(path);
        assertSecurityHeaders(r);
        assertNoCookie(r);
    }

    @Test
    void homeListsTheProtocolsWithASearchBox() throws Exception {
        HttpResponse<String> r = site.get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase());
        assertTrue(r.body().contains("<html lang=\"nl\">"));
        assertTrue(r.body().contains("<meta name=\"description\" content=\"Vragen over het social-media-protocol"),
                "a description for search engines and link previews");
        assertTrue(r.body().contains("<label for=\"q\">") && r.body().contains("<input id=\"q\" name=\"q\""));
        assertTrue(r.body().contains("href=\"/protocol/aurora\""));
        assertFalse(r.body().contains("href=\"/beheer\""), "no management link without a password");
    }

    @Test
    void htmlAndCssAreGzippedForClientsThatAcceptItButNotTheManagementPages() throws Exception {
        for (String path : new String[] {"/", "/static/style.css", "/protocol/aurora"}) {
            HttpResponse<byte[]> r = site.http.send(java.net.http.HttpRequest.newBuilder(site.base.resolve(path))
                    .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), path);
            assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""), path);
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.length() > r.body().length, path + " is smaller compressed");
            }
        }
        HttpResponse<String> plain = site.get("/");
        assertEquals("", plain.headers().firstValue("Content-Encoding").orElse(""), "not without Accept-Encoding");
        HttpResponse<String> beheer = site.get("/beheer", "Accept-Encoding", "gzip");
        assertEquals("", beheer.headers().firstValue("Content-Encoding").orElse(""), "management pages stay plain");
    }

    @Test
    void searchShowsTheSameAnswerAsTheChat() throws Exception {
        String question = "Mag ik foto's van leerlingen op de website van school zetten?";
        var answer = site.live().current().ask(question);
        HttpResponse<String> r = site.get(Site.q(question));
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        for (var item : answer.items()) {
            assertTrue(r.body().contains("<a href=\"/artikel/" + item.id() + "\">"), item.id());
        }
        assertTrue(r.body().contains("<mark>"));
        assertTrue(r.body().contains("Bij twijfel: niet publiceren."));
        assertTrue(r.body().contains("value=\"" + PublicPagesTest.escape(question) + "\""), "the box keeps the question");
    }

    @Test
    void offTopicSearchSaysNothingWasFound() throws Exception {
        HttpResponse<String> r = site.get(Site.q("Hoeveel vakantiedagen heb ik nog?"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Niets gevonden"));
        assertTrue(r.body().contains("Daar staat niets over in het protocol."));
    }

    @Test
    void hostileQueryIsEscaped() throws Exception {
        String hostile = "</textarea>\"'><script>alert(1)</script><svg onload=alert(2)> foto";
        HttpResponse<String> r = site.get(Site.q(hostile));
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("<script>alert(1)"), r.body());
        assertFalse(r.body().contains("<svg onload"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void malformedQueryGetsADutchMessageNotAStackTrace() throws Exception {
        String r = site.raw("GET /?q=%E0%A4%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
        assertTrue(r.contains("Content-Security-Policy: " + CSP), r);
        assertTrue(r.contains("Stel je vraag opnieuw"), r);
        assertFalse(r.contains("Exception"), r);
    }

    @Test
    void articlePageAndItsRefusals() throws Exception {
        HttpResponse<String> r = site.get("/artikel/aurora/3.5");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Schriftelijke toestemming voor foto"));
        assertTrue(r.body().contains("rel=\"prev\" href=\"/artikel/aurora/3.4\""));
        assertTrue(r.body().contains("value=\"" + site.base + "/artikel/aurora/3.5\""), "permanent link");
        for (String missing : new String[] {"/artikel/aurora/99", "/artikel/onbekend/1", "/artikel/aurora",
            "/artikel/aurora/3.5/meer", "/protocol/onbekend", "/protocol/"}) {
            HttpResponse<String> nf = site.get(missing);
            assertEquals(404, nf.statusCode(), missing);
            assertTrue(nf.body().contains("Niet gevonden"), missing);
        }
    }

    @Test
    void protocolPageHasItsFullText() throws Exception {
        HttpResponse<String> r = site.get("/protocol/aurora");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("vastgesteld 2021-11-22"));
        int links = r.body().split("href=\"/artikel/aurora/", -1).length - 1;
        assertEquals(site.live().current().corpus().protocol("aurora").orElseThrow().articles().size(), links);
    }

    @Test
    void stylesheetIsServedAsCss() throws Exception {
        HttpResponse<String> r = site.get("/static/style.css");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(r.body().contains(":focus-visible"));
    }

    @Test
    void managementIsNotFoundWithoutAPassword() throws Exception {
        assertEquals(404, site.get("/beheer").statusCode());
        HttpResponse<String> r = site.post("/beheer/inloggen", Map.of("wachtwoord", "x", "csrf", "y"));
        assertEquals(404, r.statusCode());
        assertNoCookie(r);
    }

    @Test
    void aVoteIsCountedOnceAndLeadsBackToTheAnswer() throws Exception {
        String question = "mag ik een klassenfoto op Instagram zetten?";
        HttpResponse<String> page = site.get(Site.q(question));
        Map<String, String> form = Site.form(page.body(), "/stem");
        List<String> ids = List.of(form.get("artikelen").split(","));
        long before = upVotes(ids.get(0));
        form.put("stem", "op");
        HttpResponse<String> r = site.post("/stem", form);
        assertEquals(303, r.statusCode());
        assertEquals(Site.q(question) + "&gestemd=1#antwoord", r.headers().firstValue("Location").orElse(""));
        assertNoCookie(r);
        assertEquals(before + 1, upVotes(ids.get(0)));
        assertEquals(303, site.post("/stem", form).statusCode(), "sent again: accepted");
        assertEquals(before + 1, upVotes(ids.get(0)), "but counted once");
        HttpResponse<String> thanks = site.get(r.headers().firstValue("Location").orElseThrow());
        assertTrue(thanks.body().contains("Bedankt voor je feedback!"));
        assertFalse(thanks.body().contains("action=\"/stem\""));
    }

    @Test
    void aDownVoteKeepsTheQuestionWhenTextsAreKept() throws Exception {
        String question = "mag ik vertrouwelijke informatie tweeten";
        Map<String, String> form = Site.form(site.get(Site.q(question)).body(), "/stem");
        form.put("stem", "neer");
        assertEquals(303, site.post("/stem", form).statusCode());
        assertTrue(site.store.keptTexts().all().stream().anyMatch(k -> k.kind() == KeptTexts.Kind.VOTED_DOWN
                && k.question().equals(question)
                && new java.util.HashSet<>(k.articleIds()).equals(java.util.Set.of(form.get("artikelen").split(",")))),
                site.store.keptTexts().toString());
    }

    @Test
    void forgedMissingOrCrossSiteVotesAreRefused() throws Exception {
        Map<String, String> form = Site.form(site.get(Site.q("mag ik vloeken in een tweet")).body(), "/stem");
        form.put("stem", "op");
        Map<String, String> forged = new HashMap<>(form);
        forged.put("artikelen", "aurora/3.5");
        assertEquals(403, site.post("/stem", forged).statusCode());
        Map<String, String> missing = new HashMap<>(form);
        missing.remove("token");
        assertEquals(403, site.post("/stem", missing).statusCode());
        assertEquals(403, site.post("/stem", form, "Sec-Fetch-Site", "cross-site").statusCode());
        Map<String, String> noChoice = new HashMap<>(form);
        noChoice.remove("stem");
        assertEquals(400, site.post("/stem", noChoice).statusCode());
        assertEquals(405, site.get("/stem").statusCode());
        String big = "x".repeat(WebEndpoint.MAX_FORM_BYTES + 10);
        assertEquals(400, site.post("/stem", Map.of("stem", "op", "vraag", big)).statusCode());
    }

    @Test
    void questionsAndVotesOnThePageAreCountedInTheMetricsAsWeb() throws Exception {
        double answered = metric("protocolbot_questions_total{outcome=\"answered\",platform=\"web\"}");
        double nothing = metric("protocolbot_questions_total{outcome=\"nothing_found\",platform=\"web\"}");
        double up = metric("protocolbot_votes_total{platform=\"web\",vote=\"up\"}");
        Map<String, String> form = Site.form(site.get(Site.q("mag ik een filmpje van de les op TikTok zetten"))
                .body(), "/stem");
        site.get(Site.q("Waar kan ik mijn auto parkeren?"));
        form.put("stem", "op");
        site.post("/stem", form);
        assertEquals(answered + 1, metric("protocolbot_questions_total{outcome=\"answered\",platform=\"web\"}"));
        assertEquals(nothing + 1, metric("protocolbot_questions_total{outcome=\"nothing_found\",platform=\"web\"}"));
        assertEquals(up + 1, metric("protocolbot_votes_total{platform=\"web\",vote=\"up\"}"));
    }

    /** One sample of the server's {@code /metrics}. */
    static double metric(String series) throws Exception {
        String text = site.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + site.server.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1).strip())).findFirst().orElseThrow(() -> new AssertionError(series));
    }

    static long upVotes(String id) throws Exception {
        return TestStores.stats(site.store).votes().stream().filter(v -> v.articleId().equals(id))
                .mapToLong(Votes.PerArticle::up).sum();
    }
}
