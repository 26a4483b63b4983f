package nl.protocolbot.cli;

import nl.protocolbot.testing.LogCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.TestPostgres;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and its database: unreachable at start, and gone while serving. */
class ServeDatabaseTest {
    static final String PASSWORD = "Geheim-Wachtwoord-42";
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnreachableDatabaseStopsServeWithOneLineWithoutThePassword() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1:1/protocolbot",
                "jdbc:postgresql://127.0.0.1:1/protocolbot?password=" + PASSWORD)) {
            MainTest.Run r;
            try (LogCapture logs = new LogCapture()) {
                r = MainTest.withEnv(Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN, "PORT", "0",
                        "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATABASE_URL", url,
                        "PROTOCOLBOT_DATABASE_USER", "bot", "PROTOCOLBOT_DATABASE_PASSWORD", PASSWORD), "", "serve");
                assertFalse(logs.text().contains(PASSWORD), logs.text());
            }
            assertEquals(1, r.code(), r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("protocolbot serve: database jdbc:postgresql://127.0.0.1:1/protocolbot "
                    + "is niet bereikbaar: "), r.err());
            assertFalse(r.err().contains(PASSWORD), r.err());
        }
    }

    @Test
    void aDatabaseThatGoesAwayLeavesTheBotAnsweringAndTheFailedWriteLogged(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = TestPostgres.start(Optional.of(dir.resolve("pg")), 0);
        int port = pg.getPort();
        TestPostgres.Db db = TestPostgres.create(pg);
        Map<String, String> env = new HashMap<>(Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN, "PORT", "0",
                "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATABASE_URL", db.url(),
                "PROTOCOLBOT_DATABASE_USER", "postgres", "PROTOCOLBOT_KEEP_UNANSWERED", "true"));
        String offTopic = "Hoe laat begint de kerstviering in de aula?";
        try (LogCapture logs = new LogCapture(); Server serve = Server.start(Settings.fromEnv(env))) {
            assertTrue(ask(serve, offTopic).contains("Daar staat niets over in het protocol"));
            pg.close();
            HttpResponse<String> during = post(serve, offTopic);
            assertEquals(200, during.statusCode());
            assertTrue(during.body().contains("Daar staat niets over in het protocol"), during.body());
            assertTrue(ask(serve, "mag ik een klassenfoto op Instagram zetten?").contains("toestemming"),
                    "questions are still answered");
            assertTrue(logs.text().contains("unanswered question could not be counted: "), logs.text());
            pg = TestPostgres.start(Optional.of(dir.resolve("pg")), port);
            assertTrue(ask(serve, offTopic).contains("Daar staat niets over in het protocol"));
            assertFalse(logs.text().contains("kerstviering"), "no question text in the log");
        } finally {
            pg.close();
        }
        pg = TestPostgres.start(Optional.of(dir.resolve("pg")), port);
        try (FeedbackStore store = FeedbackStore.open(db.database(), QuestionTexts.DISCARD)) {
            assertEquals(2, TestStores.stats(store).unanswered(),
                    "before and after the outage; the one during it is lost");
            assertEquals(2, TestStores.stats(store).keptTexts().size());
        } finally {
            pg.close();
        }
    }

    String ask(Server serve, String question) throws Exception {
        HttpResponse<String> r = post(serve, question);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    HttpResponse<String> post(Server serve, String question) throws Exception {
        String body = TeamsTest.activity("<at>Protocolbot</at> " + question);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/teams/messages"))
                .header("Content-Type", "application/json").header("Authorization", TeamsTest.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
