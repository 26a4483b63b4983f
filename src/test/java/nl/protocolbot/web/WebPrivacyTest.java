package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What staff ask, and the management password, never reach the log; nor do question texts reach a management URL. */
class WebPrivacyTest {
    static final String ASKED = "mag ik de zwembadfoto van juf Xanthippe op Instagram zetten";
    static final String UNANSWERED = "wanneer krijgt Xanthippe haar vakantiegeld uitbetaald";

    @Test
    void questionsAndThePasswordStayOutOfTheLog(@TempDir Path tmp) throws Exception {
        String log;
        try (LogCapture logs = new LogCapture()) {
            walk(tmp);
            log = logs.text();
        }
        assertTrue(log.contains("web vote down recorded"), "the log was captured: " + log);
        assertFalse(log.contains("Xanthippe"), "no question text (nor the wrong password) in the log:\n" + log);
        assertFalse(log.contains(Site.PASSWORD), "no password in the log");
    }

    /** Asks, votes 👎, finds nothing, logs in wrongly and rightly, links one kept text and deletes the other. */
    static void walk(Path tmp) throws Exception {
        try (Site site = new Site(tmp, Optional.of(Site.PASSWORD))) {
            Map<String, String> vote = Site.form(site.get(Site.q(ASKED)).body(), "/stem");
            vote.put("stem", "neer");
            assertEquals(303, site.post("/stem", vote).statusCode());
            assertTrue(site.get(Site.q(UNANSWERED)).body().contains("Niets gevonden"));
            HttpResponse<String> login = site.get("/beheer");
            String cookie = Site.sessionCookie(login);
            String csrf = Site.form(login.body(), "/beheer/inloggen").get("csrf");
            String[] header = {"Cookie", WebEndpoint.COOKIE + "=" + cookie};
            assertEquals(401, site.post("/beheer/inloggen", Map.of("csrf", csrf, "wachtwoord",
                    "Xanthippe-wachtwoord-fout"), header).statusCode());
            HttpResponse<String> in = site.post("/beheer/inloggen", Map.of("csrf", csrf, "wachtwoord", Site.PASSWORD),
                    header);
            String[] admin = {"Cookie", WebEndpoint.COOKIE + "=" + Site.sessionCookie(in)};
            String page = site.get("/beheer", admin).body();
            assertTrue(page.contains(UNANSWERED) && page.contains(ASKED), "both texts are kept and shown");
            Map<String, String> link = new HashMap<>(Site.form(page, "/beheer/koppel"));
            link.put("artikel", "aurora/3.5");
            HttpResponse<String> linked = site.post("/beheer/koppel", link, admin);
            assertEquals("/beheer", linked.headers().firstValue("Location").orElse(""));
            Map<String, String> delete = Site.form(site.get("/beheer", admin).body(), "/beheer/verwijder");
            HttpResponse<String> deleted = site.post("/beheer/verwijder", delete, admin);
            assertEquals("/beheer", deleted.headers().firstValue("Location").orElse(""));
            for (HttpResponse<String> r : new HttpResponse[] {linked, deleted, in}) {
                assertFalse(r.uri().toString().contains("Xanthippe"), r.uri().toString());
            }
        }
    }
}
