package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With PROTOCOLBOT_PUBLIC_URL, chat answers link every article to its page on the web page; without, they do not. */
class ChatLinksTest {
    static final String QUESTION = "mag ik een klassenfoto op Instagram zetten?";

    String teamsCard(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN);
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        try (Server server = Server.start(Settings.fromEnv(env))) {
            String body = TeamsTest.activity("<at>Protocolbot</at>&nbsp;" + QUESTION);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/teams/messages"))
                    .header("Content-Type", "application/json").header("Authorization", TeamsTest.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }
    }

    @Test
    void slackAnswersLinkToTheArticlePagesUnderThePublicAddress(@TempDir Path data) throws Exception {
        Answer expected = new nl.protocolbot.answer.Answerer(nl.protocolbot.search.SearchEngine.build(
                nl.protocolbot.corpus.CorpusLoader.bundled())).ask(QUESTION);
        try (SlackServer s = new SlackServer(data, "PROTOCOLBOT_PUBLIC_URL", "https://protocol.school.nl")) {
            assertEquals(200, s.event("EvLink1", SlackPayloads.mention(QUESTION, "1700000000.000100")).statusCode());
            // the posted blocks are JSON, with < and > written as \\u003c and \\u003e
            String blocks = s.slack.await("chat.postMessage", 1).get(0).params().get("blocks")
                    .replace("\\u003c", "<").replace("\\u003e", ">");
            for (Answer.Item item : expected.items()) {
                assertTrue(blocks.contains("<https://protocol.school.nl/artikel/" + item.id() + "|Lees " + item.id()
                        + " op de webpagina>"), item.id() + ": " + blocks);
            }
        }
        try (SlackServer s = new SlackServer(data.resolve("plain"))) {
            assertEquals(200, s.event("EvLink2", SlackPayloads.mention(QUESTION, "1700000000.000200")).statusCode());
            assertFalse(s.slack.await("chat.postMessage", 1).get(0).params().get("blocks").contains("/artikel/"),
                    "no address, no link");
        }
    }

    @Test
    void teamsAnswersLinkToTheArticlePagesUnderThePublicAddress(@TempDir Path data) throws Exception {
        String card = teamsCard(data, Map.of("PROTOCOLBOT_PUBLIC_URL", "https://protocol.school.nl/"));
        Answer expected = new nl.protocolbot.answer.Answerer(nl.protocolbot.search.SearchEngine.build(
                nl.protocolbot.corpus.CorpusLoader.bundled())).ask(QUESTION);
        for (Answer.Item item : expected.items()) {
            assertTrue(card.contains("(https://protocol.school.nl/artikel/" + item.id() + ")"), item.id() + ": " + card);
        }
        assertFalse(teamsCard(data.resolve("plain"), Map.of()).contains("/artikel/"), "no address, no link");
    }
}
