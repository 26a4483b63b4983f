package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Base64;
import nl.protocolbot.importer.Draft;
import nl.protocolbot.importer.Importer;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Importing a protocol on the management pages over real HTTP: the upload (its session, token and size limit), the
 * review beside the document's text, its edits, and publishing into the corpus folder the bot follows. The documents
 * are the real ones in {@code src/test/resources/import/}.
 */
class ImportHttpTest {
    /** Rule 6 of obs Bm Verkruisen's protocol, as the PDF has it. */
    static final String RULE_6 = "Medewerkers van obs Bm Verkruisen zijn persoonlijk verantwoordelijk voor wat zij "
            + "publiceren.";
    /** Rule 7, the one after it. */
    static final String RULE_7 = "Medewerkers van obs Bm Verkruisen weten dat publicaties op social media altijd "
            + "vindbaar zijn.";
    static final String BOUNDARY = "----protocolbot-test-7MA4YWxkTrZu0gW";
    private static final Pattern VERSION = Pattern.compile("name=\"versie\" value=\"([0-9]+)\"");

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

    /** A signed-in session and its CSRF token. */
    record Admin(String cookie, String csrf) {
        String[] header() {
            return AdminHttpTest.cookie(cookie);
        }
    }

    Admin signIn() throws Exception {
        HttpResponse<String> login = site.get("/beheer");
        String anonymous = Site.sessionCookie(login);
        HttpResponse<String> in = site.post("/beheer/inloggen", Map.of("csrf", Site.form(login.body(),
                "/beheer/inloggen").get("csrf"), "wachtwoord", Site.PASSWORD), AdminHttpTest.cookie(anonymous));
        assertEquals(303, in.statusCode(), in.body());
        String cookie = Site.sessionCookie(in);
        HttpResponse<String> form = site.get(ImportPages.PATH, AdminHttpTest.cookie(cookie));
        assertEquals(200, form.statusCode(), form.body());
        return new Admin(cookie, Site.form(form.body(), ImportPages.PATH).get("csrf"));
    }

    static byte[] document(String name) throws Exception {
        try (InputStream in = ImportHttpTest.class.getResourceAsStream("/import/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test document " + name);
            }
            return in.readAllBytes();
        }
    }

    /** A multipart/form-data body as a browser sends it: the text fields, then the file. */
    static byte[] multipart(Map<String, String> fields, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    HttpResponse<String> postMultipart(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(site.base.resolve(ImportPages.PATH))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return site.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(Admin a, String csrf, String document, String slug, boolean replace)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("protocol", slug);
        fields.put("organisatie", "obs Bm Verkruisen");
        if (replace) {
            fields.put("vervang", "ja");
        }
        String name = document.substring(document.lastIndexOf('/') + 1);
        return postMultipart(multipart(fields, name, document(document)), a.header());
    }

    /** Uploads a document that reads, and returns its review's path. */
    String draft(Admin a, String document, String slug) throws Exception {
        HttpResponse<String> r = upload(a, a.csrf(), document, slug, false);
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(ImportPages.DRAFTS), location);
        return location;
    }

    /** The page a redirect leads to, with the message the form left (fragment dropped, as a browser keeps it). */
    HttpResponse<String> follow(HttpResponse<String> r, Admin a) throws Exception {
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        String path = location.contains("#") ? location.substring(0, location.indexOf('#')) : location;
        String cookies = WebEndpoint.COOKIE + "=" + a.cookie() + r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebEndpoint.FLASH_COOKIE + "=")).map(c -> "; " + c.substring(0,
                        c.indexOf(';'))).findFirst().orElse("");
        return site.get(path, "Cookie", cookies);
    }

    /** Posts one change of the draft with the page's current revision. */
    HttpResponse<String> change(Admin a, String draft, String page, String... fields) throws Exception {
        Map<String, String> form = new HashMap<>();
        form.put("csrf", a.csrf());
        Matcher m = VERSION.matcher(page);
        assertTrue(m.find(), page);
        form.put("versie", m.group(1));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return site.post(draft, form, a.header());
    }

    /** The position on the review page of the article whose paragraph is {@code text}. */
    static int index(String page, String text) {
        int at = page.indexOf("<li>" + text + "</li>");
        assertTrue(at > 0, text + " in " + page);
        String before = page.substring(page.lastIndexOf("<article class=\"kept\" id=\"artikel-", at));
        return Integer.parseInt(before.substring(before.indexOf("artikel-") + 8, before.indexOf('"',
                before.indexOf("artikel-"))));
    }

    /** How many articles the review page proposes. */
    static int articles(String page) {
        return page.split("<article class=\"kept\"", -1).length - 1;
    }

    /** The counts in the review's table of articles per section. */
    static int perSection(String page) {
        String table = page.substring(page.indexOf("Artikelen per hoofdstuk"), page.indexOf("</table>",
                page.indexOf("Artikelen per hoofdstuk")));
        Matcher m = Pattern.compile("<td class=\"num\">([0-9]+)</td>").matcher(table);
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        return sum;
    }

    static void assertNoStackTrace(String body) {
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at nl.protocolbot"),
                body);
    }

    @Test
    void everyImportPageNeedsASignedInSession() throws Exception {
        assertEquals("/beheer", site.get(ImportPages.PATH).headers().firstValue("Location").orElse(""));
        HttpResponse<String> login = site.get("/beheer");
        String anonymous = Site.sessionCookie(login);
        String csrf = Site.form(login.body(), "/beheer/inloggen").get("csrf");
        HttpResponse<String> r = postMultipart(multipart(Map.of("csrf", csrf, "protocol", "primo", "organisatie",
                "Primo"), "verkruisen.pdf", document("verkruisen.pdf")), AdminHttpTest.cookie(anonymous));
        assertEquals(303, r.statusCode(), "the login page's session cannot upload: " + r.body());
        assertEquals("/beheer", r.headers().firstValue("Location").orElse(""));
        Admin a = signIn();
        String draft = draft(a, "verkruisen.pdf", "primo");
        assertEquals(303, site.get(draft).statusCode(), "no session, no review");
        assertEquals(303, site.post(draft, Map.of("csrf", csrf, "actie", "weggooien")).statusCode());
        assertEquals(200, site.get(draft, a.header()).statusCode(), "still there for its own session");
        String dashboard = site.get("/beheer", a.header()).body();
        assertTrue(dashboard.contains("<a href=\"/beheer/importeren\">Protocol importeren</a>"), dashboard);
    }

    @Test
    void everyImportFormNeedsTheSessionsToken() throws Exception {
        Admin a = signIn();
        assertEquals(403, upload(a, "x" + a.csrf(), "verkruisen.pdf", "primo", false).statusCode());
        assertEquals(403, upload(a, "", "verkruisen.pdf", "primo", false).statusCode());
        Admin other = signIn();
        assertEquals(403, upload(a, other.csrf(), "verkruisen.pdf", "primo", false).statusCode(),
                "another session's token");
        HttpResponse<String> crossSite = postMultipart(multipart(Map.of("csrf", a.csrf(), "protocol", "primo",
                "organisatie", "Primo"), "verkruisen.pdf", document("verkruisen.pdf")), "Cookie",
                WebEndpoint.COOKIE + "=" + a.cookie(), "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode(), "a form from another site");
        String draft = draft(a, "verkruisen.pdf", "primo");
        String page = site.get(draft, a.header()).body();
        Map<String, String> merge = Map.of("versie", "0", "actie", "samenvoegen", "artikel", "0");
        assertEquals(403, site.post(draft, merge, a.header()).statusCode(), "no token");
        Map<String, String> wrong = new HashMap<>(merge);
        wrong.put("csrf", other.csrf());
        assertEquals(403, site.post(draft, wrong, a.header()).statusCode(), "another session's token");
        assertEquals(page, site.get(draft, a.header()).body(), "nothing changed");
    }

    @Test
    void aPdfIsProposedAsArticlesBesideTheDocumentsText() throws Exception {
        Admin a = signIn();
        String draft = draft(a, "verkruisen.pdf", "primo");
        assertTrue(draft.matches(ImportPages.DRAFTS + "[A-Za-z0-9_-]{43}"), "a random ID of 256 bits: " + draft);
        HttpResponse<String> r = follow(upload(a, a.csrf(), "verkruisen.pdf", "primo", false), a);
        assertEquals(200, r.statusCode(), r.body());
        String html = r.body();
        int n = articles(html);
        assertTrue(n > 10, "the rules are articles: " + html);
        assertTrue(html.contains("Ingelezen: " + n + " artikelen voorgesteld."), html);
        assertEquals(n, perSection(html), "articles per section add up");
        assertTrue(html.contains("Document zoals gelezen") && html.contains("Voorgestelde artikelen"), html);
        String document = html.substring(html.indexOf("<div class=\"document\">"), html.indexOf("</div>",
                html.indexOf("<div class=\"document\">")));
        assertTrue(document.contains(RULE_6), "the document's text on the left: " + document);
        String articles = html.substring(html.indexOf("id=\"artikel-0\""));
        assertTrue(articles.contains("<span class=\"id\">[6]</span>"), articles);
        assertTrue(articles.contains("<li>" + RULE_6 + "</li>"), "the article, verbatim, on the right");
        assertTrue(html.contains("Samenvoegen met volgende") && html.contains("Splitsen vóór alinea 2"), html);
        assertTrue(html.contains("Weggelaten regels") && html.contains("Twijfels"), html);
        assertTrue(r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(WebEndpoint.FLASH_COOKIE
                + "=;")), "the message is shown once");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        PublicHttpTest.assertSecurityHeaders(r);
        String docx = follow(upload(a, a.csrf(), "verkruisen.docx", "primo", false), a).body();
        assertTrue(docx.contains("<li>" + RULE_6 + "</li>"), "Word gives the same article: " + docx);
    }

    @Test
    void titlesMergesAndSplitsChangeTheReview() throws Exception {
        Admin a = signIn();
        String draft = draft(a, "verkruisen.pdf", "primo");
        String page = site.get(draft, a.header()).body();
        int n = articles(page);
        int six = index(page, RULE_6);
        assertEquals(six + 1, index(page, RULE_7), "rule 7 comes next");

        HttpResponse<String> titled = change(a, draft, page, "actie", "titel", "artikel", Integer.toString(six),
                "titel", "  Zelf   verantwoordelijk ");
        assertEquals(draft + "#artikel-" + six, titled.headers().firstValue("Location").orElse(""));
        page = follow(titled, a).body();
        assertTrue(page.contains("De titel van artikel [6] is opgeslagen."), page);
        assertTrue(page.contains("<span class=\"id\">[6]</span> Zelf verantwoordelijk</h3>"), page);

        page = follow(change(a, draft, page, "actie", "samenvoegen", "artikel", Integer.toString(six)), a).body();
        assertTrue(page.contains("Artikel [6] is samengevoegd met [7]."), page);
        assertFalse(page.contains("<span class=\"id\">[7]</span>"), "[7] is part of [6] now");
        assertTrue(page.contains("<li>" + RULE_6 + "</li><li>" + RULE_7 + "</li>"), page);
        assertEquals(n - 1, articles(page));
        assertEquals(n - 1, perSection(page), "the report follows");

        page = follow(change(a, draft, page, "actie", "splitsen", "artikel", Integer.toString(six), "alinea", "1"),
                a).body();
        assertTrue(page.contains("Artikel [6] is gesplitst vóór alinea 2."), page);
        String second = page.substring(page.indexOf("id=\"artikel-" + (six + 1) + "\""));
        assertTrue(second.contains("<span class=\"id\">[6-2]</span> (nog geen titel)"), second);
        assertTrue(second.contains("<li>" + RULE_7 + "</li>"), second);
        assertEquals(n, articles(page), "as many articles as before");
    }

    @Test
    void aRefusedEditSaysWhyAndAnOldFormIsRefused() throws Exception {
        Admin a = signIn();
        String draft = draft(a, "verkruisen.pdf", "primo");
        String page = site.get(draft, a.header()).body();
        HttpResponse<String> last = change(a, draft, page, "actie", "samenvoegen", "artikel",
                Integer.toString(articles(page) - 1));
        assertEquals(400, last.statusCode());
        assertTrue(last.body().contains("Niet gewijzigd: geen volgend artikel om mee samen te voegen."), last.body());
        HttpResponse<String> split = change(a, draft, page, "actie", "splitsen", "artikel",
                Integer.toString(index(page, RULE_6)), "alinea", "1");
        assertEquals(400, split.statusCode());
        assertTrue(split.body().contains("een artikel splitsen kan alleen tussen twee alinea&#39;s"), split.body());
        HttpResponse<String> junk = change(a, draft, page, "actie", "titel", "artikel", "x'; DROP", "titel", "T");
        assertEquals(400, junk.statusCode());
        assertTrue(junk.body().contains("Niet gewijzigd: onbekend artikel."), junk.body());
        assertNoStackTrace(junk.body());

        assertEquals(303, change(a, draft, page, "actie", "samenvoegen", "artikel", "0").statusCode());
        HttpResponse<String> stale = change(a, draft, page, "actie", "samenvoegen", "artikel", "0");
        assertEquals(409, stale.statusCode(), "made before the merge: " + stale.body());
        assertTrue(stale.body().contains("Het concept is intussen gewijzigd"), stale.body());
    }

    @Test
    void publishingWritesTheProtocolAndTheBotServesItAtOnce() throws Exception {
        Admin a = signIn();
        String before = site.live().version().orElseThrow().fingerprint();
        String log;
        HttpResponse<String> published;
        String draft;
        int n;
        try (LogCapture logs = new LogCapture()) {
            draft = draft(a, "verkruisen.pdf", "bm-verkruisen");
            String page = site.get(draft, a.header()).body();
            n = articles(page);
            page = follow(change(a, draft, page, "actie", "titel", "artikel", Integer.toString(index(page, RULE_6)),
                    "titel", "Zelf verantwoordelijk"), a).body();
            assertTrue(page.contains("action=\"" + draft + "\"") && page.contains("Publiceren"), page);
            published = change(a, draft, page, "actie", "publiceren", "protocol", "bm-verkruisen", "organisatie",
                    "obs Bm Verkruisen");
            log = logs.text();
        }
        assertEquals(200, published.statusCode(), published.body());
        assertTrue(published.body().contains("Gepubliceerd: protocol bm-verkruisen van obs Bm Verkruisen staat met " + n
                + " artikelen in de corpusmap"), published.body());
        assertTrue(published.body().contains("<a href=\"/protocol/bm-verkruisen\">Bekijk de " + n + " artikelen"),
                published.body());
        Path file = site.corpus.resolve("bm-verkruisen.md");
        assertTrue(Files.readString(file).contains(RULE_6), "written into the corpus folder");
        assertNotEquals(before, site.live().version().orElseThrow().fingerprint(), "reloaded without waiting");
        String article = site.get("/artikel/bm-verkruisen/6").body();
        assertTrue(article.contains("<h1 id=\"kop\">Zelf verantwoordelijk</h1>") && article.contains(RULE_6),
                article);
        assertTrue(site.get("/protocol/bm-verkruisen").body().contains("obs Bm Verkruisen"));
        assertTrue(site.live().current().show("bm-verkruisen/6").isPresent(), "the bot answers with it");
        assertEquals(404, site.get(draft, a.header()).statusCode(), "a published draft is gone");

        assertTrue(log.contains("import: protocol published with " + n + " articles"), log);
        for (String secret : List.of(RULE_6, "Zelf verantwoordelijk", "bm-verkruisen", "verkruisen.pdf",
                draft.substring(ImportPages.DRAFTS.length()))) {
            assertFalse(log.contains(secret), "counts only in the log, not " + secret + ":\n" + log);
        }
    }

    @Test
    void anExistingProtocolIsReplacedOnlyWithTheCheckbox() throws Exception {
        Admin a = signIn();
        Path bundled = site.corpus.resolve("verkruisen.md");
        String before = Files.readString(bundled);
        String draft = draft(a, "verkruisen.pdf", "verkruisen");
        String page = site.get(draft, a.header()).body();
        assertTrue(page.contains("Er staat al een protocol verkruisen in de corpusmap."), page);
        HttpResponse<String> refused = change(a, draft, page, "actie", "publiceren", "protocol", "verkruisen",
                "organisatie", "obs Bm Verkruisen");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Niet gepubliceerd: er staat al een protocol verkruisen in de corpusmap. "
                + "Vink ‘Vervang bestaand protocol’ aan"), refused.body());
        assertTrue(refused.body().contains("value=\"obs Bm Verkruisen\""), "the form keeps what was typed");
        assertEquals(before, Files.readString(bundled), "nothing written");

        // a protocol published here, then read again with a title of its own
        assertEquals(200, change(a, draft, page, "actie", "publiceren", "protocol", "bm-verkruisen", "organisatie",
                "obs Bm Verkruisen").statusCode());
        Path file = site.corpus.resolve("bm-verkruisen.md");
        String first = Files.readString(file);
        draft = draft(a, "verkruisen.docx", "bm-verkruisen");
        page = site.get(draft, a.header()).body();
        page = follow(change(a, draft, page, "actie", "titel", "artikel", Integer.toString(index(page, RULE_6)),
                "titel", "Zelf verantwoordelijk"), a).body();
        refused = change(a, draft, page, "actie", "publiceren", "protocol", "bm-verkruisen", "organisatie",
                "obs Bm Verkruisen");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Niet gepubliceerd: er staat al een protocol bm-verkruisen"),
                refused.body());
        assertEquals(first, Files.readString(file), "nothing written without the checkbox");
        HttpResponse<String> replaced = change(a, draft, refused.body(), "actie", "publiceren", "protocol",
                "bm-verkruisen", "organisatie", "obs Bm Verkruisen", "vervang", "ja");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertTrue(Files.readString(file).contains("Zelf verantwoordelijk"), "replaced");
        assertTrue(site.get("/artikel/bm-verkruisen/6").body().contains("Zelf verantwoordelijk"), "and served");
    }

    @Test
    void aBadNameOrOrganisationIsRefusedOnTheForm() throws Exception {
        Admin a = signIn();
        HttpResponse<String> r = upload(a, a.csrf(), "verkruisen.pdf", "Stichting Primo", false);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("‘Stichting Primo’ is geen geldige naam voor een protocol"), r.body());
        assertTrue(r.body().contains("value=\"obs Bm Verkruisen\""), "what was typed stays: " + r.body());
        HttpResponse<String> none = postMultipart(multipart(Map.of("csrf", a.csrf(), "protocol", "primo",
                "organisatie", " "), "verkruisen.pdf", document("verkruisen.pdf")), a.header());
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Geef de naam van de organisatie"), none.body());
        HttpResponse<String> empty = postMultipart(multipart(Map.of("csrf", a.csrf(), "protocol", "primo",
                "organisatie", "Primo"), "", new byte[0]), a.header());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("Kies het document dat je wilt importeren."), empty.body());
    }

    @Test
    void aScannedPdfSaysNoTextWasFound() throws Exception {
        Admin a = signIn();
        HttpResponse<String> r = upload(a, a.csrf(), "broken/gescand.pdf", "primo", false);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Het document is niet ingelezen: geen tekst gevonden"), r.body());
        assertTrue(r.body().contains("role=\"alert\""), r.body());
        assertTrue(r.body().contains("value=\"primo\""), "the form again, filled in: " + r.body());
        assertNoStackTrace(r.body());
    }

    @Test
    void anUploadOverTheLimitGetsTheSizeMessage() throws Exception {
        Admin a = signIn();
        byte[] over = new byte[ImportPages.MAX_UPLOAD + 1];
        Arrays.fill(over, (byte) 'a');
        String declared = rawUpload(a, "Content-Length: " + over.length, over);
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        assertTrue(declared.contains("Bestand te groot") && declared.contains("groter dan 20 MB"), declared);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        for (int sent = 0; sent <= ImportPages.MAX_UPLOAD; sent += chunk.length) {
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        String cut = rawUpload(a, "Transfer-Encoding: chunked", chunked.toByteArray());
        assertTrue(cut.startsWith("HTTP/1.1 413"), "no declared length: cut off past the limit: " + cut);
        assertTrue(cut.contains("Bestand te groot"), cut);

        // within the HTTP limit, but a file one byte over the importer's
        byte[] file = new byte[(int) Importer.MAX_BYTES + 1];
        Arrays.fill(file, (byte) 'a');
        HttpResponse<String> r = postMultipart(multipart(Map.of("csrf", a.csrf(), "protocol", "primo",
                "organisatie", "Primo"), "groot.txt", file), a.header());
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("het bestand is te groot"), r.body());
        assertEquals(200, site.get(ImportPages.PATH, a.header()).statusCode(), "and the server goes on");
    }

    /** Sends an upload's head and as much of its body as the server takes, then reads what it answers. */
    String rawUpload(Admin a, String lengthHeader, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", site.base.getPort())) {
            socket.setSoTimeout(60_000); // a guard against a hang, not a speed requirement
            OutputStream os = socket.getOutputStream();
            os.write(("POST " + ImportPages.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                    + "boundary=" + BOUNDARY + "\r\nCookie: " + WebEndpoint.COOKIE + "=" + a.cookie() + "\r\n"
                    + lengthHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                os.write(body);
                os.flush();
            } catch (java.io.IOException e) {
                // the server refused the rest of the body and closed its side: its answer is still to be read
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutACorpusFolderADocumentIsReviewedButNotPublished() throws Exception {
        site.close();
        site = new Site(tmp.resolve("bundled"), Optional.of(Site.PASSWORD), "PROTOCOLBOT_CORPUS", "");
        Admin a = signIn();
        assertTrue(site.get(ImportPages.PATH, a.header()).body().contains("Publiceren kan alleen als de bot een "
                + "corpusmap volgt"));
        String draft = draft(a, "verkruisen.pdf", "primo");
        String page = site.get(draft, a.header()).body();
        assertTrue(page.contains("<li>" + RULE_6 + "</li>"), page);
        assertFalse(page.contains("value=\"publiceren\""), "no form that cannot work");
        HttpResponse<String> r = change(a, draft, page, "actie", "publiceren", "protocol", "primo", "organisatie",
                "Primo");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Publiceren kan alleen als de bot een corpusmap volgt (PROTOCOLBOT_CORPUS)."),
                r.body());
    }

    @Test
    void anUnknownDraftSaysSoAndLinksBack() throws Exception {
        Admin a = signIn();
        HttpResponse<String> r = site.get(ImportPages.DRAFTS + "A".repeat(43), a.header());
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("Concept niet gevonden") && r.body().contains("href=\"/beheer/importeren\""),
                r.body());
        String draft = draft(a, "verkruisen.pdf", "primo");
        Admin other = signIn();
        assertEquals(404, site.get(draft, other.header()).statusCode(), "another session's draft is not found");
        assertEquals(404, site.post(draft, Map.of("csrf", other.csrf(), "versie", "0", "actie", "weggooien"),
                other.header()).statusCode());
        HttpResponse<String> thrown = site.post(draft, Map.of("csrf", a.csrf(), "versie", "0", "actie", "weggooien"),
                a.header());
        assertEquals(ImportPages.PATH, thrown.headers().firstValue("Location").orElse(""));
        assertEquals(404, site.get(draft, a.header()).statusCode(), "thrown away");
    }

    @Test
    void draftsAreBoundToTheirSessionBoundedInNumberAndExpire() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
        Drafts drafts = new Drafts(clock, new SecureRandom());
        Draft d = new Draft("Protocol", "", "", List.of(new Draft.Article("1", "", "", List.of(RULE_6))), List.of(),
                List.of(RULE_6));
        Drafts.Target t = new Drafts.Target("p.pdf", "p", "P", false);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < Drafts.MAX; i++) {
            ids.add(drafts.add("s.one", d, t).id());
            clock.advance(Duration.ofMinutes(1));
        }
        assertTrue(drafts.find("s.one", ids.get(0)).isPresent()); // used again: now the newest
        assertTrue(drafts.find("s.two", ids.get(0)).isEmpty(), "another session's");
        String sixth = drafts.add("s.two", d, t).id();
        assertEquals(Drafts.MAX, drafts.size());
        assertTrue(drafts.find("s.one", ids.get(1)).isEmpty(), "the least recently used went");
        assertTrue(drafts.find("s.one", ids.get(0)).isPresent());
        assertEquals(1, drafts.of("s.two").size());
        clock.advance(Drafts.IDLE.minusSeconds(1));
        assertTrue(drafts.find("s.two", sixth).isPresent(), "just within the hour");
        clock.advance(Drafts.IDLE.plusSeconds(1));
        assertTrue(drafts.find("s.two", sixth).isEmpty(), "an hour unused");
        assertEquals(0, drafts.size());
        String id = drafts.add("s.one", d, t).id();
        assertThrows(Drafts.Stale.class, () -> drafts.edit("s.one", id, 1, x -> x.retitle(0, "T")));
        assertThrows(IllegalArgumentException.class, () -> drafts.edit("s.one", id, 0, x -> x.merge(0)));
        assertEquals(1, drafts.edit("s.one", id, 0, x -> x.retitle(0, "T")).orElseThrow().revision());
    }

    @Test
    void multipartFormsAreReadAsBrowsersSendThem() {
        byte[] file = {0, 1, 2, '\r', '\n', '-', '-', 'x'};
        Map<String, Multipart.Part> parts = Multipart.parse("multipart/form-data; boundary=\"" + BOUNDARY + "\"",
                multipart(Map.of("organisatie", "Stichting \"Primo\" ✓"), "C:\\Users\\juf\\protocol.pdf", file))
                .orElseThrow();
        assertEquals("Stichting \"Primo\" ✓", parts.get("organisatie").text());
        assertEquals("protocol.pdf", parts.get("bestand").fileName(), "the name without the path it came from");
        assertArrayEquals(file, parts.get("bestand").content());
        assertTrue(Multipart.parse("multipart/form-data; boundary=" + BOUNDARY, "no form".getBytes(
                StandardCharsets.UTF_8)).isEmpty());
        assertTrue(Multipart.parse("application/x-www-form-urlencoded", new byte[0]).isEmpty());
        byte[] cut = multipart(Map.of(), "a.txt", file);
        assertTrue(Multipart.parse("multipart/form-data; boundary=" + BOUNDARY, Arrays.copyOf(cut, cut.length - 10))
                .isEmpty(), "a body cut short");
    }

    /**
     * The whole flow in a real browser with JavaScript switched off (as {@link BrowserTest} runs it): sign in, choose
     * the file, read it, merge two articles, give one a title, publish, and open the protocol. With
     * {@code -Dprotocolbot.screenshots=DIR} it saves the review page as PNG.
     */
    @Test
    void theWholeFlowWorksInABrowserWithoutJavaScript() throws Exception {
        boolean installed = Files.isExecutable(BrowserTest.CHROMIUM) && Files.isExecutable(BrowserTest.CHROMEDRIVER);
        if (!installed && "required".equals(System.getProperty("protocolbot.browser"))) {
            throw new AssertionError("Chromium and chromedriver are required here: apt-get install -y chromium "
                    + "chromium-driver");
        }
        assumeTrue(installed, "no Chromium: apt-get install -y chromium chromium-driver");
        Path pdf = tmp.resolve("Protocol Verkruisen.pdf");
        Files.write(pdf, document("verkruisen.pdf"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"), "--lang=nl-NL",
                "--window-size=1280,900", "--blink-settings=scriptEnabled=false");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(site.base + "/beheer");
            browser.findElement(By.id("wachtwoord")).sendKeys(Site.PASSWORD);
            browser.findElement(By.id("wachtwoord")).submit();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("importeren-kop")));
            browser.findElement(By.linkText("Protocol importeren")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bestand")));
            browser.findElement(By.id("bestand")).sendKeys(pdf.toString());
            browser.findElement(By.id("protocol")).sendKeys("bm-verkruisen");
            browser.findElement(By.id("organisatie")).sendKeys("obs Bm Verkruisen");
            browser.findElement(By.xpath("//button[text()='Inlezen']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("vergelijk-kop")));
            assertTrue(browser.findElement(By.cssSelector(".notice")).getText().startsWith("Ingelezen: "));
            assertTrue(browser.findElement(By.cssSelector(".document")).getText().contains(RULE_6));
            screenshot(browser, "web-import-review");

            rule6(browser).findElement(By.xpath(".//button[text()='Samenvoegen met volgende']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                    "is samengevoegd met [7]"));
            assertTrue(rule6(browser).getText().contains(RULE_7), "rule 7 is part of rule 6's article now");
            WebElement title = rule6(browser).findElement(By.cssSelector("input[name=titel]"));
            title.sendKeys("Zelf verantwoordelijk");
            rule6(browser).findElement(By.xpath(".//button[text()='Titel opslaan']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                    "is opgeslagen"));
            browser.findElement(By.xpath("//button[text()='Publiceren']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Protocol gepubliceerd"));
            browser.findElement(By.partialLinkText("Bekijk de ")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                    "Zelf verantwoordelijk"));
            assertEquals(site.base + "/protocol/bm-verkruisen", browser.getCurrentUrl());
            assertTrue(browser.findElement(By.tagName("main")).getText().contains(RULE_7));
        } finally {
            browser.quit();
        }
    }

    /** The proposed article with rule 6 on the review page. */
    static WebElement rule6(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("article.kept")).stream()
                .filter(e -> e.getText().contains(RULE_6)).findFirst().orElseThrow();
    }

    static void screenshot(ChromeDriver browser, String name) throws Exception {
        String dir = System.getProperty("protocolbot.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true));
        Path file = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
