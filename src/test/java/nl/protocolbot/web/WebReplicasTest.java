package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one database and one corpus folder, as two replicas behind a proxy that sends each request to the
 * next: a form rendered by one is accepted by the other, a login holds on both, the login limit counts both.
 */
class WebReplicasTest {
    @TempDir
    Path tmp;
    Site one;
    Site other;

    @BeforeEach
    void start() throws Exception {
        one = new Site(tmp, Optional.of(Site.PASSWORD));
        other = new Site(one.corpus, one.data, Optional.of(Site.PASSWORD));
    }

    @AfterEach
    void stop() throws Exception {
        other.close();
        one.close();
    }

    @Test
    void aVoteFormFromOneReplicaCountsOnceOnEither() throws Exception {
        Map<String, String> form = Site.form(one.get(Site.q("mag ik vloeken in een tweet")).body(), "/stem");
        form.put("stem", "op");
        assertEquals(303, other.post("/stem", form).statusCode());
        assertEquals(303, one.post("/stem", form).statusCode(), "sent again, to the first");
        String first = form.get("artikelen").split(",")[0];
        assertEquals(1, TestStores.stats(one.store).votes().stream().filter(v -> v.articleId().equals(first))
                .mapToLong(Votes.PerArticle::up).sum(), "counted once");
    }

    @Test
    void aLoginOnOneReplicaHoldsOnTheOtherUntilLogout() throws Exception {
        HttpResponse<String> page = one.get("/beheer");
        String anonymous = Site.sessionCookie(page);
        String csrf = Site.form(page.body(), "/beheer/inloggen").get("csrf");
        HttpResponse<String> in = other.post("/beheer/inloggen", Map.of("csrf", csrf, "wachtwoord", Site.PASSWORD),
                "Cookie", WebEndpoint.COOKIE + "=" + anonymous);
        assertEquals(303, in.statusCode(), "the login form of one replica is good on the other");
        String[] session = {"Cookie", WebEndpoint.COOKIE + "=" + Site.sessionCookie(in)};
        String dashboard = one.get("/beheer", session).body();
        assertTrue(dashboard.contains("Uitloggen"), dashboard);
        String logoutCsrf = Site.form(dashboard, "/beheer/uitloggen").get("csrf");
        assertEquals(303, other.post("/beheer/uitloggen", Map.of("csrf", logoutCsrf), session).statusCode());
        assertFalse(one.get("/beheer", session).body().contains("Uitloggen"), "logged out on both");
    }

    @Test
    void fiveWrongPasswordsOverBothReplicasCloseTheLoginOnBoth() throws Exception {
        HttpResponse<String> page = one.get("/beheer");
        String[] cookie = {"Cookie", WebEndpoint.COOKIE + "=" + Site.sessionCookie(page)};
        String csrf = Site.form(page.body(), "/beheer/inloggen").get("csrf");
        for (int i = 0; i < 5; i++) {
            Site to = i % 2 == 0 ? one : other;
            assertEquals(401, to.post("/beheer/inloggen", Map.of("csrf", csrf, "wachtwoord", "guess " + i), cookie)
                    .statusCode());
        }
        for (Site to : new Site[] {one, other}) {
            assertEquals(429, to.post("/beheer/inloggen", Map.of("csrf", csrf, "wachtwoord", Site.PASSWORD), cookie)
                    .statusCode());
        }
    }
}
