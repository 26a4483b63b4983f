package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.teams.FakeBotFramework;
import nl.protocolbot.teams.FakeBotFramework.Posted;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.Stats;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teams as a Bot Framework bot, end to end on 127.0.0.1: the real server, a fake OpenID metadata document with its
 * JWKS, a fake token endpoint and a fake Bot Connector, with RSA keys made in the test.
 */
class TeamsBotTest {
    static final String BOT = "28:" + FakeBotFramework.APP_ID;
    static final String USER = "29:1SECRETUSERidOfJufAnna";
    static final String QUESTION = "mag ik een klassenfoto op Instagram zetten?";
    static final String ANSWERED = "protocolbot_questions_total{outcome=answered,platform=teams_bot}";
    static final String NOTHING_FOUND = "protocolbot_questions_total{outcome=nothing_found,platform=teams_bot}";
    static final String TIMED = "protocolbot_answer_seconds_count{platform=teams_bot}";
    static final String RETRIES = "protocolbot_post_retries_total{platform=teams_bot}";
    static final String LOST = "protocolbot_posts_lost_total{platform=teams_bot}";

    static LogCapture logs;
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicInteger ids = new AtomicInteger(1000);
    @TempDir
    Path data;
    FakeBotFramework teams;
    Server serve;

    @BeforeAll
    static void captureLogs() {
        logs = new LogCapture();
    }

    @AfterAll
    static void checkLogs() {
        logs.close();
        String all = logs.text();
        assertTrue(all.contains("answered in"), "the bot logs timings and article IDs");
        for (String secret : List.of(FakeBotFramework.APP_PASSWORD, FakeBotFramework.ACCESS_TOKEN_PREFIX,
                "SECRETUSER", "klassenfoto", "Instagram zetten", "Juf Anna", "a:1personalChatOfAnna", "eyJ")) {
            assertFalse(all.contains(secret), "log must not contain " + secret);
        }
    }

    @BeforeEach
    void start() throws Exception {
        teams = new FakeBotFramework();
    }

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
        teams.close();
    }

    void startServe(String... extra) throws Exception {
        Map<String, String> env = new HashMap<>(teams.env());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.putIfAbsent("PROTOCOLBOT_WORKERS", "1"); // one worker answers in order: a sentinel shows all is done
        env.put("PROTOCOLBOT_DATA", data.toString());
        serve = Server.start(Settings.fromEnv(env));
    }

    // --- activities shaped like the ones Teams sends ---

    JsonObject activity(String type, String conversationType, String conversationId) {
        JsonObject a = new JsonObject();
        a.addProperty("type", type);
        a.addProperty("id", "1700000" + ids.incrementAndGet());
        a.addProperty("timestamp", "2025-03-01T09:10:07.437Z");
        a.addProperty("channelId", "msteams");
        a.addProperty("serviceUrl", teams.serviceUrl());
        a.add("from", party(USER, "Juf Anna"));
        a.add("recipient", party(BOT, "protocolbot"));
        JsonObject conversation = new JsonObject();
        conversation.addProperty("conversationType", conversationType);
        conversation.addProperty("isGroup", !conversationType.equals("personal"));
        conversation.addProperty("tenantId", FakeBotFramework.TENANT_ID);
        conversation.addProperty("id", conversationId);
        a.add("conversation", conversation);
        JsonObject tenant = new JsonObject();
        tenant.addProperty("id", FakeBotFramework.TENANT_ID);
        JsonObject channelData = new JsonObject();
        channelData.add("tenant", tenant);
        a.add("channelData", channelData);
        a.addProperty("locale", "nl-NL");
        return a;
    }

    static JsonObject party(String id, String name) {
        JsonObject p = new JsonObject();
        p.addProperty("id", id);
        p.addProperty("name", name);
        return p;
    }

    JsonObject personal(String text) {
        JsonObject a = activity("message", "personal", "a:1personalChatOfAnna");
        a.addProperty("text", text);
        a.addProperty("textFormat", "plain");
        return a;
    }

    JsonObject mention(String conversationType, String conversationId, String text) {
        JsonObject a = activity("message", conversationType, conversationId);
        a.addProperty("text", "<at>protocolbot</at> " + text);
        a.addProperty("textFormat", "plain");
        JsonObject mention = new JsonObject();
        mention.addProperty("type", "mention");
        mention.addProperty("text", "<at>protocolbot</at>");
        mention.add("mentioned", party(BOT, "protocolbot"));
        JsonArray entities = new JsonArray();
        entities.add(mention);
        a.add("entities", entities);
        return a;
    }

    HttpResponse<String> post(JsonObject activity, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(JsonObject activity) throws Exception {
        return post(activity, "Bearer " + teams.token(teams.serviceUrl(), c -> { }));
    }

    /**
     * Waits for the reply to {@code activity} and returns everything posted by then. With one worker, answers are
     * posted in the order the activities came, so anything an earlier activity caused has been posted too.
     */
    List<Posted> awaitReplyTo(JsonObject activity) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && teams.posted().stream()
                .noneMatch(p -> p.body().get("replyToId").getAsString().equals(id(activity)))) {
            Thread.sleep(20);
        }
        return teams.posted();
    }

    /** What the store holds, read through a second connection to the same database. */
    Stats stats() throws Exception {
        try (FeedbackStore store = TestStores.openFolder(data, false)) {
            return TestStores.stats(store);
        }
    }

    /**
     * The server's real {@code /metrics}, parsed, once {@code key} has reached {@code value} or after ten seconds: an
     * answer is counted just after the connector took its post, so the count may trail the post by a moment.
     */
    Map<String, Double> metricsWhen(String key, double value) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.metricsPort() + "/metrics"))
                .build();
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, Double> m = MetricsTest.parse(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
        while (m.getOrDefault(key, 0.0) < value && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = MetricsTest.parse(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
        }
        // A scrape is not one snapshot: it may read a counter just before the bot increments it and the timer just
        // after. What was recorded before the timer (the outcome's counter) is in the next scrape.
        return MetricsTest.parse(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonObject card(Posted p) {
        return p.body().getAsJsonArray("attachments").get(0).getAsJsonObject().getAsJsonObject("content");
    }

    static String id(JsonObject activity) {
        return activity.get("id").getAsString();
    }

    // --- valid messages ---

    @Test
    void aPersonalMessageIsAnsweredWithTheCardAsAReplyWithTheBotsToken() throws Exception {
        startServe();
        JsonObject message = personal(QUESTION);
        HttpResponse<String> r = post(message);
        assertEquals(202, r.statusCode(), r.body());
        Posted reply = teams.await(1).get(0);
        assertEquals("POST", reply.method());
        assertEquals("/teams/v3/conversations/a:1personalChatOfAnna/activities/" + id(message), reply.path());
        assertEquals("Bearer " + FakeBotFramework.ACCESS_TOKEN_PREFIX + "1", reply.authorization());
        assertEquals(id(message), reply.body().get("replyToId").getAsString());
        assertEquals("message", reply.body().get("type").getAsString());
        JsonObject card = card(reply);
        assertEquals("AdaptiveCard", card.get("type").getAsString());
        String cardText = card.toString();
        assertTrue(cardText.contains("toestemming"), "a consent rule: " + cardText);
        assertTrue(cardText.contains("Bij twijfel: niet publiceren."));
        String summary = reply.body().get("text").getAsString();
        assertTrue(summary.startsWith("Dit zegt het protocol: "), summary);
        String quoted = card.getAsJsonArray("body").get(0).getAsJsonObject().getAsJsonArray("items").get(2)
                .getAsJsonObject().get("text").getAsString();
        assertTrue(quoted.contains("foto"), cardText); // the first article is about sharing pictures of others
        assertFalse(summary.contains(quoted), "the article text is in the card only: " + summary);
        JsonArray actions = card.getAsJsonArray("actions");
        assertEquals("Action.Submit", actions.get(0).getAsJsonObject().get("type").getAsString());
        assertEquals("up", actions.get(0).getAsJsonObject().getAsJsonObject("data").get("vote").getAsString());
        assertEquals("down", actions.get(1).getAsJsonObject().getAsJsonObject("data").get("vote").getAsString());
        // 👎 carries the question, to be kept when the operator turned that on; 👍 does not need it
        assertEquals(QUESTION, actions.get(1).getAsJsonObject().getAsJsonObject("data").get("question").getAsString());
        assertFalse(actions.get(0).getAsJsonObject().getAsJsonObject("data").has("question"));

        List<String> tokenRequests = teams.tokenRequests();
        assertEquals(1, tokenRequests.size());
        String form = tokenRequests.get(0);
        for (String field : List.of("grant_type=client_credentials", "client_id=" + FakeBotFramework.APP_ID,
                "client_secret=" + FakeBotFramework.APP_PASSWORD, "scope=https://api.botframework.com/.default")) {
            assertTrue(form.contains(field), form);
        }
        post(personal("mag ik vloeken in een tweet"));
        assertEquals(2, teams.await(2).size());
        assertEquals(1, teams.tokenRequests().size(), "the token is cached");
        Map<String, Double> m = metricsWhen(TIMED, 2.0);
        assertEquals(2.0, m.get(ANSWERED));
        assertEquals(2.0, m.get(TIMED));
        assertEquals(0.0, m.get(RETRIES));
        assertEquals(0.0, m.get(LOST));
        assertEquals(0.0, m.get("protocolbot_questions_total{outcome=answered,platform=slack}"), "counted as Teams bot");
    }

    @Test
    void aChannelMentionIsAnsweredInItsThread() throws Exception {
        startServe();
        String thread = "19:d4d1c2b3a4f5@thread.tacv2;messageid=1700000000001";
        JsonObject message = mention("channel", thread, QUESTION);
        assertEquals(202, post(message).statusCode());
        Posted reply = teams.await(1).get(0);
        assertEquals("/teams/v3/conversations/" + thread + "/activities/" + id(message), reply.path());
        assertEquals(thread, reply.body().getAsJsonObject("conversation").get("id").getAsString());
        assertTrue(card(reply).toString().contains("toestemming"), card(reply).toString());
    }

    @Test
    void aGroupChatIsAnsweredOnlyWhenTheBotIsMentioned() throws Exception {
        startServe();
        String chat = "19:meeting_groupchat@thread.v2";
        JsonObject unmentioned = activity("message", "groupChat", chat);
        unmentioned.addProperty("text", "wie neemt de taart mee?");
        assertEquals(202, post(unmentioned).statusCode());
        JsonObject message = mention("groupChat", chat, "een leerling stuurt me een vriendschapsverzoek");
        assertEquals(202, post(message).statusCode());
        List<Posted> posted = teams.await(1);
        assertEquals(1, posted.size());
        assertEquals("/teams/v3/conversations/" + chat + "/activities/" + id(message), posted.get(0).path());
        assertTrue(card(posted.get(0)).toString().contains("scoh/communiceren-11"), card(posted.get(0)).toString());
    }

    @Test
    void helpShowAndNothingFoundWorkAsInSlack() throws Exception {
        startServe();
        post(personal("help"));
        // the example is the corpus's first core rule (corpus/core-rules.txt), not an ID written into the code
        assertTrue(teams.await(1).get(0).body().get("text").getAsString().contains("toon aurora/bijlage1-4"));
        post(personal("toon aurora/3.5"));
        Posted article = teams.await(2).get(1);
        assertTrue(card(article).toString().contains("Schriftelijke toestemming"), card(article).toString());
        post(personal("Hoe laat begint de kerstviering?"));
        Posted nothing = teams.await(3).get(2);
        assertTrue(card(nothing).toString().contains("Daar staat niets over in het protocol"));
        assertEquals(1, stats().unanswered());
        // help and show are commands, not questions: only the last message is counted, as nothing found
        Map<String, Double> m = metricsWhen(TIMED, 1.0);
        assertEquals(1.0, m.get(NOTHING_FOUND));
        assertEquals(0.0, m.get(ANSWERED));
        assertEquals(1.0, m.get(TIMED));
    }

    @Test
    void theEndpointIsPostOnTheExactPath() throws Exception {
        startServe();
        String base = "http://127.0.0.1:" + serve.port();
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/api/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/messages/x"))
                .POST(HttpRequest.BodyPublishers.ofString(personal(QUESTION).toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void oddlyShapedActivitiesWithAValidTokenNeverGet500() throws Exception {
        startServe();
        List<String> odd = List.of("{\"text\":{\"a\":1},\"conversation\":[],\"from\":\"x\",\"entities\":\"y\"}",
                "{\"value\":[1],\"text\":5,\"recipient\":{\"id\":[]}}",
                "{\"value\":{\"protocolbot\":\"vote\",\"vote\":\"up\",\"ids\":5}}",
                "{\"value\":{\"protocolbot\":\"vote\",\"vote\":\"sideways\",\"ids\":\"aurora/3.5\"}}",
                "{\"type\":\"conversationUpdate\",\"membersAdded\":\"everyone\"}",
                "{\"type\":\"installationUpdate\",\"action\":[\"add\"]}",
                "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\"}",
                "{\"text\":\"" + "<at>".repeat(5000) + "\"}");
        for (String fields : odd) {
            JsonObject a = personal(QUESTION);
            com.google.gson.JsonParser.parseString(fields).getAsJsonObject().entrySet()
                    .forEach(e -> a.add(e.getKey(), e.getValue()));
            int status = post(a).statusCode();
            assertTrue(status == 202 || status == 400, fields + " -> " + status);
        }
        assertEquals(400, post(new JsonObject(), "Bearer x").statusCode(), "an activity without a type");
    }

    // --- forged requests ---

    @Test
    void forgedTokensGet401AndNothingIsPosted() throws Exception {
        startServe();
        String url = teams.serviceUrl();
        RSAKey unknown = FakeBotFramework.generate("unknown-kid");
        Date longAgo = Date.from(Instant.now().minusSeconds(600));
        // what is sent, and the reason the log must give for refusing it
        List<List<String>> forged = List.of(
                List.of("Bearer " + teams.token(FakeBotFramework.strangerKey(), url, c -> { }), "bad signature"),
                List.of("Bearer " + teams.token(unknown, url, c -> { }), "unknown kid"),
                List.of("Bearer " + teams.token(url, c -> c.issuer("https://sts.windows.net/evil/")), "wrong issuer"),
                List.of("Bearer " + teams.token(url, c -> c.audience("00000000-0000-0000-0000-000000000000")),
                        "wrong audience"),
                List.of("Bearer " + teams.token(url, c -> c.expirationTime(longAgo)), "expired"),
                List.of("Bearer " + teams.token("https://attacker.example/teams/", c -> { }), "serviceurl mismatch"),
                List.of("Bearer " + teams.token(url, c -> c.claim("serviceurl", null)), "missing claims"),
                List.of("Bearer not.a.jwt", "not a signed JWT"),
                List.of("Basic " + teams.token(url, c -> { }), "no bearer token"));
        for (List<String> f : forged) {
            int logged = logs.text().length();
            HttpResponse<String> r = post(personal(QUESTION), f.get(0));
            assertEquals(401, r.statusCode(), f.get(1));
            assertTrue(logs.text().substring(logged).contains("teams bot request refused: " + f.get(1)), f.get(1));
        }
        // a token that expired two minutes ago is still within the five minutes of clock skew
        Date recently = Date.from(Instant.now().minusSeconds(120));
        JsonObject sentinel = personal("mag ik vloeken in een tweet");
        assertEquals(202, post(sentinel, "Bearer " + teams.token(url, c -> c.expirationTime(recently))).statusCode());
        List<Posted> posted = awaitReplyTo(sentinel);
        assertEquals(1, posted.size(), "only the sentinel is answered");
        assertEquals(id(sentinel), posted.get(0).body().get("replyToId").getAsString());
    }

    @Test
    void aKeyNotEndorsedForTheChannelIsRefused() throws Exception {
        teams.endorse("webchat", "skype");
        startServe();
        assertEquals(401, post(personal(QUESTION)).statusCode()); // refused before anything is queued
        assertEquals(0, teams.connectorCalls());
        assertEquals(0, teams.tokenRequests().size());
    }

    // --- the rest of the flow ---

    @Test
    void installingTheAppForAPersonSendsOneWelcome() throws Exception {
        startServe();
        JsonObject install = activity("installationUpdate", "personal", "a:1personalChatOfAnna");
        install.addProperty("action", "add");
        JsonObject added = activity("conversationUpdate", "personal", "a:1personalChatOfAnna");
        JsonArray members = new JsonArray();
        members.add(party(BOT, "protocolbot"));
        added.add("membersAdded", members);
        assertEquals(202, post(install).statusCode());
        assertEquals(202, post(added).statusCode());
        Posted welcome = teams.await(1).get(0);
        assertEquals("/teams/v3/conversations/a:1personalChatOfAnna/activities/" + id(install), welcome.path());
        String text = card(welcome).toString();
        assertTrue(text.contains("De kernregels"), text);
        assertTrue(text.contains("aurora/bijlage1-4") && text.contains("oog/regel-3"), "core rules from core-rules.txt");
        assertTrue(text.contains("Bij twijfel: niet publiceren."));
        List<String> asks = new java.util.ArrayList<>();
        for (JsonElement e : card(welcome).getAsJsonArray("body")) {
            JsonObject block = e.getAsJsonObject();
            if (block.get("type").getAsString().equals("ActionSet")) {
                for (JsonElement action : block.getAsJsonArray("actions")) {
                    JsonObject msteams = action.getAsJsonObject().getAsJsonObject("data").getAsJsonObject("msteams");
                    assertEquals("imBack", msteams.get("type").getAsString());
                    asks.add(msteams.get("value").getAsString());
                }
            }
        }
        assertEquals(List.of("Mag ik een klassenfoto op Instagram zetten?",
                "Een leerling stuurt me een vriendschapsverzoek, mag ik dat accepteren?",
                "Een ouder scheldt mij uit op Facebook, wat nu?"), asks);

        JsonObject sentinel = personal(asks.get(0));
        post(sentinel);
        List<Posted> posted = teams.await(2);
        assertEquals(2, posted.size());
        assertEquals(id(sentinel), posted.get(1).body().get("replyToId").getAsString(), "one welcome, then the answer");
    }

    @Test
    void withAnOrganisationSetOnlyItsProtocolAnswersAndItsCoreRulesWelcome() throws Exception {
        startServe("PROTOCOLBOT_ORG", "scoh");
        JsonObject install = activity("installationUpdate", "personal", "a:1personalChatOfAnna");
        install.addProperty("action", "add");
        post(install);
        JsonObject question = personal(QUESTION);
        post(question);
        List<Posted> posted = awaitReplyTo(question);
        String welcome = card(posted.get(0)).toString();
        assertTrue(welcome.contains("scoh/11tal-8") && welcome.contains("scoh/communiceren-11"), welcome);
        assertFalse(welcome.contains("aurora/") || welcome.contains("konot/") || welcome.contains("oog/"), welcome);
        String answer = card(posted.get(1)).toString();
        assertTrue(answer.contains("scoh/"), answer);
        assertFalse(answer.contains("aurora/3.5"), answer);
    }

    @Test
    void aTeamInstallOrAnotherMemberGetsNoWelcome() throws Exception {
        startServe();
        JsonObject teamInstall = activity("installationUpdate", "channel", "19:general@thread.tacv2");
        teamInstall.addProperty("action", "add");
        JsonObject someoneElse = activity("conversationUpdate", "personal", "a:1personalChatOfAnna");
        JsonArray members = new JsonArray();
        members.add(party(USER, "Juf Anna"));
        someoneElse.add("membersAdded", members);
        assertEquals(202, post(teamInstall).statusCode());
        assertEquals(202, post(someoneElse).statusCode());
        JsonObject sentinel = personal(QUESTION);
        post(sentinel);
        List<Posted> posted = awaitReplyTo(sentinel);
        assertEquals(1, posted.size());
    }

    @Test
    void votesAreStoredOnceAndAcknowledged() throws Exception {
        startServe();
        JsonObject first = vote("up", "reply-1");
        JsonObject again = vote("down", "reply-1");
        JsonObject otherCard = vote("down", "reply-2");
        assertEquals(202, post(first).statusCode());
        assertEquals(202, post(again).statusCode());
        assertEquals(202, post(otherCard).statusCode());
        List<Posted> posted = teams.await(3);
        assertEquals(3, posted.size());
        Map<String, String> replies = new HashMap<>();
        for (Posted p : posted) {
            replies.put(p.body().get("replyToId").getAsString(), p.body().get("text").getAsString());
        }
        assertEquals("Bedankt voor je feedback! Zo wordt de bot beter.", replies.get(id(first)));
        assertEquals("Je stem op dit antwoord was al geteld. Bedankt!", replies.get(id(again)));
        assertEquals("Bedankt voor je feedback! Zo wordt de bot beter.", replies.get(id(otherCard)));
        List<Votes.PerArticle> votes = stats().votes();
        assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 1, 1)), votes);
        Map<String, Double> m = metricsWhen("protocolbot_votes_total{platform=teams_bot,vote=up}", 1.0);
        assertEquals(1.0, m.get("protocolbot_votes_total{platform=teams_bot,vote=up}"));
        assertEquals(1.0, m.get("protocolbot_votes_total{platform=teams_bot,vote=down}"), "the second click not");
        assertEquals(0.0, m.get(ANSWERED));
    }

    @Test
    void aThumbsDownKeepsTheQuestionItCarriesWhenTextsAreKept() throws Exception {
        startServe("PROTOCOLBOT_KEEP_UNANSWERED", "true");
        String question = "mag ik een foto van mijn klas op tiktok zetten";
        JsonObject down = vote("down", "reply-9");
        down.getAsJsonObject("value").addProperty("question", question);
        JsonObject up = vote("up", "reply-8");
        up.getAsJsonObject("value").addProperty("question", "deze telt niet");
        assertEquals(202, post(down).statusCode());
        assertEquals(202, post(up).statusCode());
        teams.await(2);
        List<KeptTexts.Text> kept = stats().keptTexts();
        assertEquals(1, kept.size(), kept::toString);
        assertEquals(KeptTexts.Kind.VOTED_DOWN, kept.get(0).kind());
        assertEquals(question, kept.get(0).question());
        assertEquals(List.of("aurora/3.5"), kept.get(0).articleIds());
    }

    JsonObject vote(String direction, String card) {
        JsonObject a = personal("");
        a.remove("text");
        a.addProperty("replyToId", card);
        JsonObject value = new JsonObject();
        value.addProperty("protocolbot", "vote");
        value.addProperty("vote", direction);
        value.addProperty("ids", "aurora/3.5,geen/artikel");
        a.add("value", value);
        return a;
    }

    @Test
    void aRateLimitedReplyIsRetried() throws Exception {
        startServe();
        teams.failNext(429, 503);
        JsonObject message = personal(QUESTION);
        assertEquals(202, post(message).statusCode());
        List<Posted> posted = teams.await(1);
        assertEquals(1, posted.size());
        assertEquals(id(message), posted.get(0).body().get("replyToId").getAsString());
        assertEquals(3, teams.connectorCalls());
        Map<String, Double> m = metricsWhen(TIMED, 1.0);
        assertEquals(2.0, m.get(RETRIES));
        assertEquals(0.0, m.get(LOST));
        assertEquals(1.0, m.get(ANSWERED));
    }

    @Test
    void aReplyTheConnectorRefusesIsCountedAsLost() throws Exception {
        startServe();
        teams.failNext(503, 400); // tried again after the 503; a 400 is final
        JsonObject message = personal(QUESTION);
        assertEquals(202, post(message).statusCode());
        Map<String, Double> m = metricsWhen(LOST, 1.0);
        assertEquals(1.0, m.get(LOST));
        assertEquals(1.0, m.get(RETRIES));
        assertEquals(0.0, m.get(ANSWERED), "a reply that never arrived is not an answer");
        assertEquals(0.0, m.get(TIMED));
        assertEquals(2, teams.connectorCalls());
        assertEquals(List.of(), teams.posted());
    }

    @Test
    void aRetriedActivityIsAnsweredOnce() throws Exception {
        startServe();
        JsonObject message = personal(QUESTION);
        assertEquals(202, post(message).statusCode());
        assertEquals(202, post(message).statusCode(), "the connector's retry is acknowledged");
        JsonObject sentinel = personal("mag ik vloeken in een tweet");
        post(sentinel);
        List<Posted> posted = awaitReplyTo(sentinel);
        assertEquals(2, posted.size());
        assertEquals(1, posted.stream().filter(p -> p.body().get("replyToId").getAsString().equals(id(message))).count());
    }

    @Test
    void whenTheWorkersAreFullTheBusyNoticeIsPosted() throws Exception {
        startServe("PROTOCOLBOT_WORKERS", "1", "PROTOCOLBOT_QUEUE", "1");
        teams.hold();
        JsonObject first = personal(QUESTION);
        post(first);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (teams.connectorCalls() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the one worker is now stuck posting the first answer
        }
        JsonObject queued = personal("mag ik vloeken in een tweet");
        JsonObject shed = personal("een leerling stuurt me een vriendschapsverzoek");
        assertEquals(202, post(queued).statusCode());
        assertEquals(202, post(shed).statusCode(), "acknowledged: it gets the busy notice");
        teams.release();
        List<Posted> posted = teams.await(3);
        assertEquals(3, posted.size());
        Map<String, JsonObject> byReply = new HashMap<>();
        posted.forEach(p -> byReply.put(p.body().get("replyToId").getAsString(), p.body()));
        assertTrue(byReply.get(id(first)).has("attachments"));
        assertTrue(byReply.get(id(queued)).has("attachments"));
        assertEquals("Het is even druk, probeer het zo opnieuw.", byReply.get(id(shed)).get("text").getAsString());
        Map<String, Double> m = metricsWhen(TIMED, 2.0);
        assertEquals(1.0, m.get("protocolbot_events_shed_total{how=busy_notice,platform=teams_bot}"));
        assertEquals(0.0, m.get("protocolbot_events_shed_total{how=refused,platform=teams_bot}"));
        assertEquals(2.0, m.get(ANSWERED), "the first and the queued question");
    }

    // --- settings ---

    @Test
    void missingOrMalformedBotSettingsAreNamedOneLineEachWithoutSecrets() {
        Settings.Invalid e = assertThrows(Settings.Invalid.class, () -> Settings.fromEnv(Map.of(
                "TEAMS_BOT_APP_ID", "not-a-guid", "TEAMS_BOT_OPENID_URL", "http://login.example/openid")));
        assertEquals(List.of(
                "TEAMS_BOT_APP_ID: is geen app-ID (een GUID zoals 00000000-0000-0000-0000-000000000000)",
                "TEAMS_BOT_APP_PASSWORD: ontbreekt (het clientgeheim van de Azure Bot-registratie)",
                "TEAMS_BOT_TENANT_ID: ontbreekt (de tenant-ID, Directory ID, van je Microsoft 365-omgeving)",
                "TEAMS_BOT_OPENID_URL: is geen https-URL"), e.problems());
        Settings.Invalid secret = assertThrows(Settings.Invalid.class, () -> Settings.fromEnv(Map.of(
                "TEAMS_BOT_APP_PASSWORD", "hunter2-very-secret", "TEAMS_BOT_TENANT_ID", "school.onmicrosoft.com")));
        assertEquals(List.of("TEAMS_BOT_APP_ID: ontbreekt (de Microsoft App ID van de Azure Bot-registratie)"),
                secret.problems());
        assertFalse(secret.getMessage().contains("hunter2"));
    }

    @Test
    void theDefaultsPointAtMicrosoft() throws Exception {
        Settings s = Settings.fromEnv(Map.of("TEAMS_BOT_APP_ID", FakeBotFramework.APP_ID,
                "TEAMS_BOT_APP_PASSWORD", "hunter2-very-secret", "TEAMS_BOT_TENANT_ID", FakeBotFramework.TENANT_ID));
        Settings.BotRegistration r = s.teamsBot().orElseThrow();
        assertEquals("https://login.botframework.com/v1/.well-known/openidconfiguration", r.openIdUrl().toString());
        assertEquals("https://login.microsoftonline.com/" + FakeBotFramework.TENANT_ID + "/oauth2/v2.0/token",
                r.tokenUrl().toString());
        assertFalse(s.toString().contains("hunter2"));
        assertFalse(r.toString().contains("hunter2"));
    }
}
