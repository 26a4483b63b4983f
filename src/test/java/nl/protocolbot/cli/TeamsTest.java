package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams outgoing webhook and the shared server, end to end on 127.0.0.1. */
class TeamsTest {
    static final String TOKEN = Base64.getEncoder().encodeToString("teams-webhook-test-key-32-bytes!".getBytes());
    final HttpClient http = HttpClient.newHttpClient();
    Server serve;
    LoopbackSlackApi slack;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    /** An activity shaped like Microsoft's outgoing-webhook example. */
    static String activity(String text) {
        JsonObject a = new JsonObject();
        a.addProperty("type", "message");
        a.addProperty("id", "1485983408511");
        a.addProperty("timestamp", "2017-02-01T21:10:07.437Z");
        a.addProperty("localTimestamp", "2017-02-01T14:10:07.437-07:00");
        a.addProperty("serviceUrl", "https://smba.trafficmanager.net/amer-client-ss.msg/");
        a.addProperty("channelId", "msteams");
        JsonObject from = new JsonObject();
        from.addProperty("id", "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw");
        from.addProperty("name", "Juf Anna");
        a.add("from", from);
        JsonObject conversation = new JsonObject();
        conversation.addProperty("isGroup", true);
        conversation.addProperty("id", "19:253b1f341670408fb6fcb6f08a@thread.skype;messageid=1485983194839");
        a.add("conversation", conversation);
        JsonObject recipient = new JsonObject();
        recipient.addProperty("id", "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c");
        recipient.addProperty("name", "Protocolbot");
        a.add("recipient", recipient);
        a.addProperty("textFormat", "plain");
        a.addProperty("text", text);
        JsonArray attachments = new JsonArray();
        JsonObject html = new JsonObject();
        html.addProperty("contentType", "text/html");
        html.addProperty("content", "<div>" + text + "</div>");
        attachments.add(html);
        a.add("attachments", attachments);
        a.add("entities", new JsonArray());
        JsonObject channelData = new JsonObject();
        JsonObject teamsChannel = new JsonObject();
        teamsChannel.addProperty("id", "19:253b1f341670408fb6fcb6f08a@thread.skype");
        channelData.add("channel", teamsChannel);
        a.add("channelData", channelData);
        return a.toString();
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(TOKEN), "HmacSHA256"));
        return "HMAC " + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/teams/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Server start(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put("TEAMS_WEBHOOK_SECRET", TOKEN);
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        serve = Server.start(Settings.fromEnv(env));
        return serve;
    }

    @Test
    void signedActivityGetsACardWithTheConsentArticles(@TempDir Path data) throws Exception {
        start(data, Map.of());
        String body = activity("<at>Protocolbot</at>&nbsp;mag ik een klassenfoto op Instagram zetten?");
        HttpResponse<String> r = post(body, sign(body));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject msg = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("message", msg.get("type").getAsString());
        assertTrue(msg.get("text").getAsString().endsWith("Bij twijfel: niet publiceren."));
        JsonObject attachment = msg.getAsJsonArray("attachments").get(0).getAsJsonObject();
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").getAsString());
        JsonObject card = attachment.getAsJsonObject("content");
        assertEquals("AdaptiveCard", card.get("type").getAsString());
        assertEquals("1.4", card.get("version").getAsString());
        String cardText = card.toString();
        assertTrue(cardText.contains("toestemming"), cardText);
        assertTrue(cardText.contains("Bij twijfel: niet publiceren."));
        // the answer is in the card only; the text is a short summary (it is shown beside the card)
        JsonObject first = card.getAsJsonArray("body").get(0).getAsJsonObject().getAsJsonArray("items").get(2)
                .getAsJsonObject();
        String quoted = first.get("text").getAsString();
        assertTrue(quoted.matches("(?s).*(foto|afbeelding).*"), cardText); // the first article is about sharing pictures of others
        String text = msg.get("text").getAsString();
        assertFalse(text.contains(quoted), text);
        String firstId = card.getAsJsonArray("body").get(0).getAsJsonObject().getAsJsonArray("items").get(1)
                .getAsJsonObject().get("text").getAsString().split(" ")[0];
        assertTrue(text.startsWith("Dit zegt het protocol: ") && text.contains("(" + firstId + ")"), text);
    }

    @Test
    void aVeryLongArticleIsCutAtASentenceToStayWithinTeamsLimit(@TempDir Path data, @TempDir Path corpus)
            throws Exception {
        copyCorpus(corpus);
        StringBuilder longText = new StringBuilder();
        for (int i = 1; longText.length() < 300_000; i++) {
            longText.append("Regel ").append(i).append(": medewerkers mogen klassenfoto's van het zeepbellenblazen "
                    + "op Instagram zetten. ");
        }
        Path konot = corpus.resolve("konot.md");
        Files.writeString(konot, Files.readString(konot) + "\n### [lang-1] Zeepbellen\n\n" + longText + "\n");
        start(data, Map.of("PROTOCOLBOT_CORPUS", corpus.toString()));
        String body = activity("<at>Protocolbot</at> mag ik klassenfoto's van het zeepbellenblazen op Instagram "
                + "zetten?");
        HttpResponse<String> r = post(body, sign(body));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().getBytes(StandardCharsets.UTF_8).length <= 28_000, "Teams' limit is about 28 KB");
        assertTrue(r.body().contains("konot/lang-1"), r.body());
        assertTrue(r.body().contains("toon konot/lang-1"), "points to the whole article");
        assertTrue(r.body().contains("op Instagram zetten. …"), "cut after a whole sentence");
        // the whole article by ID: cut too, pointing to the protocol
        String show = activity("<at>Protocolbot</at> toon konot/lang-1");
        HttpResponse<String> article = post(show, sign(show));
        assertTrue(article.body().getBytes(StandardCharsets.UTF_8).length <= 28_000);
        assertTrue(article.body().contains("Regel 1: medewerkers mogen"), article.body());
        assertTrue(article.body().contains("de hele tekst staat in het protocol"), article.body());
    }

    static void copyCorpus(Path corpus) throws Exception {
        Path bundled = Path.of(TeamsTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.list(bundled)) {
            for (Path f : files.toList()) {
                Files.copy(f, corpus.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void offTopicGetsTheNothingFoundAnswer(@TempDir Path data) throws Exception {
        start(data, Map.of());
        String body = activity("<at>Protocolbot</at> Hoe laat begint de kerstviering?");
        HttpResponse<String> r = post(body, sign(body));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Daar staat niets over in het protocol"), r.body());
    }

    @Test
    void wrongMissingAndAlteredSignaturesGet401(@TempDir Path data) throws Exception {
        start(data, Map.of());
        String body = activity("<at>Protocolbot</at> mag ik een foto posten?");
        assertEquals(401, post(body, null).statusCode());
        assertEquals(401, post(body, "Bearer abc").statusCode());
        assertEquals(401, post(body, "HMAC not-base64!!").statusCode());
        assertEquals(401, post(body, "HMAC " + Base64.getEncoder().encodeToString(new byte[32])).statusCode());
        String signature = sign(body);
        HttpResponse<String> altered = post(body.replace("mag ik", "moet ik"), signature);
        assertEquals(401, altered.statusCode());
        assertFalse(altered.body().contains("toestemming"));
    }

    @Test
    void slackAndTeamsAreServedTogether(@TempDir Path data) throws Exception {
        slack = new LoopbackSlackApi();
        start(data, Map.of("SLACK_BOT_TOKEN", "xoxb-both", "SLACK_SIGNING_SECRET", SlackHttpTest.SECRET,
                "SLACK_API_URL", slack.apiUrl()));
        String body = activity("<at>Protocolbot</at> mag ik vloeken in een tweet");
        assertEquals(200, post(body, sign(body)).statusCode());
        SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
        HttpResponse<String> r = signer.postSigned("http://127.0.0.1:" + serve.port() + "/slack/events",
                "application/json", SlackHttpTest.event("EvT1", SlackHttpTest.mention("mag ik vloeken", "9.9")));
        assertEquals(200, r.statusCode());
        assertEquals(1, slack.await("chat.postMessage", 1).size());
    }

    @Test
    void corpusChangesAreFollowedAndBrokenOnesRefused(@TempDir Path data, @TempDir Path corpus) throws Exception {
        copyCorpus(corpus);
        start(data, Map.of("PROTOCOLBOT_CORPUS", corpus.toString(), "PROTOCOLBOT_RELOAD_SECONDS", "1"));
        String before = health();
        String body = activity("<at>Protocolbot</at> mag ik een klassenfoto op Instagram zetten?");
        assertFalse(post(body, sign(body)).body().contains("zeepbellenblazen"));

        // an edit by the communication department: a new article
        Path konot = corpus.resolve("konot.md");
        Files.writeString(konot, Files.readString(konot) + "\n### [extra-1] Zeepbellen\n\nMedewerkers mogen "
                + "klassenfoto's van het zeepbellenblazen op Instagram zetten.\n");
        awaitReload(before);
        String after = health();
        assertFalse(before.equals(after));
        String answered = post(body, sign(body)).body();
        assertTrue(answered.contains("zeepbellenblazen"), answered);

        // a broken edit is refused; the previous index keeps answering
        Files.writeString(corpus.resolve("kapot.md"), "---\nprotocol: kapot\n---\n\n### [1] Leeg\n");
        assertFalse(serve.corpus().reloadIfChanged());
        assertEquals(after, health());
        assertTrue(post(body, sign(body)).body().contains("zeepbellenblazen"));

        // the folder disappears: still serving the last good index
        Files.delete(corpus.resolve("kapot.md"));
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(corpus);
        assertFalse(serve.corpus().reloadIfChanged());
        assertTrue(post(body, sign(body)).body().contains("zeepbellenblazen"));
    }

    String health() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + serve.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("corpus").get("version").getAsString();
    }

    void awaitReload(String before) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && health().equals(before)) {
            Thread.sleep(100);
        }
    }
}
