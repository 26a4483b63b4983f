package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
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

/** Slack in HTTP mode, end to end: real Bolt, real HTTP on 127.0.0.1, signed requests, a fake Slack Web API. */
class SlackHttpTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5".replace('y', 'c').replace('z', 'd');
    static final String TOKEN = "xoxb-1111-2222-SECRETBOTTOKEN";
    static final String QUESTION = "mag ik een klassenfoto op Instagram zetten?";

    static LogCapture logs;
    @TempDir
    Path data;
    LoopbackSlackApi slack;
    Server serve;
    SlackSigner signer = new SlackSigner(SECRET);

    @BeforeAll
    static void captureLogs() {
        logs = new LogCapture();
    }

    @AfterAll
    static void checkLogs() {
        logs.close();
        String all = logs.text();
        assertTrue(all.contains("answered in"), "the bot logs timings and article IDs");
        for (String secret : List.of(SECRET, TOKEN, "SECRETBOTTOKEN", "klassenfoto", "vriendschapsverzoek",
                "U0SECRETUSER", "Instagram zetten")) {
            assertFalse(all.contains(secret), "log must not contain " + secret);
        }
    }

    @BeforeEach
    void start() throws Exception {
        slack = new LoopbackSlackApi();
        serve = Server.start(settings(data));
    }

    Settings settings(Path dir, String... extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", dir.toString());
        return Settings.fromEnv(env);
    }

    @AfterEach
    void stop() {
        serve.close();
        slack.close();
    }

    String url() {
        return "http://127.0.0.1:" + serve.port() + "/slack/events";
    }

    static String event(String eventId, String eventJson) {
        return "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,\"event\":" + eventJson + "}";
    }

    static String mention(String text, String ts) {
        return "{\"type\":\"app_mention\",\"user\":\"U0SECRETUSER\",\"text\":\"<@UBOT> " + text + "\",\"ts\":\"" + ts
                + "\",\"channel\":\"C123\",\"event_ts\":\"" + ts + "\"}";
    }

    @Test
    void urlVerificationEchoesTheChallenge() throws Exception {
        HttpResponse<String> r = signer.postSigned(url(), "application/json",
                "{\"token\":\"x\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("abc123"), r.body());
    }

    @Test
    void mentionIsAnsweredOnceInItsThreadEvenWhenRetried() throws Exception {
        String body = event("Ev001", mention(QUESTION, "1700000001.000100"));
        assertEquals(200, signer.postSigned(url(), "application/json", body).statusCode());
        List<LoopbackSlackApi.Call> posts = slack.await("chat.postMessage", 1);
        assertEquals(1, posts.size());
        Map<String, String> p = posts.get(0).params();
        assertEquals("C123", p.get("channel"));
        assertEquals("1700000001.000100", p.get("thread_ts"));
        assertTrue(p.get("blocks").contains("toestemming"), p.get("blocks"));
        assertTrue(p.get("text").contains("Bij twijfel: niet publiceren."), p.get("text"));
        assertTrue(p.get("blocks").contains("protocol_vote_up"));
        assertEquals("Bearer " + TOKEN, posts.get(0).authorization());

        HttpResponse<String> retry = signer.postSigned(url(), "application/json", body,
                "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout");
        assertEquals(200, retry.statusCode());
        // a second, different event proves the bot is still answering; the retry must not have produced a post
        signer.postSigned(url(), "application/json", event("Ev002", mention("mag ik vloeken in een tweet", "1700000002.0")));
        slack.await("chat.postMessage", 2);
        Thread.sleep(200);
        List<LoopbackSlackApi.Call> all = slack.calls("chat.postMessage");
        assertEquals(2, all.size(), "the retried event must not be answered twice");
        assertEquals("1700000002.0", all.get(1).params().get("thread_ts"));
    }

    @Test
    void directMessageIsAnsweredInTheDmAndBotMessagesAndEditsAreIgnored() throws Exception {
        String own = "{\"type\":\"message\",\"channel\":\"D1\",\"user\":\"UBOT\",\"bot_id\":\"BBOT\",\"text\":\"x\","
                + "\"ts\":\"1.1\",\"channel_type\":\"im\"}";
        String edit = "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"D1\",\"hidden\":true,"
                + "\"message\":{\"type\":\"message\",\"user\":\"U0SECRETUSER\",\"text\":\"foto\",\"ts\":\"1.2\"},"
                + "\"ts\":\"1.3\",\"channel_type\":\"im\"}";
        String dm = "{\"type\":\"message\",\"channel\":\"D1\",\"user\":\"U0SECRETUSER\","
                + "\"text\":\"Een leerling stuurt me een vriendschapsverzoek, mag ik dat accepteren?\","
                + "\"ts\":\"1.4\",\"channel_type\":\"im\"}";
        assertEquals(200, signer.postSigned(url(), "application/json", event("EvB1", own)).statusCode());
        assertEquals(200, signer.postSigned(url(), "application/json", event("EvB2", edit)).statusCode());
        assertEquals(200, signer.postSigned(url(), "application/json", event("EvB3", dm)).statusCode());
        List<LoopbackSlackApi.Call> posts = slack.await("chat.postMessage", 1);
        Thread.sleep(200);
        posts = slack.calls("chat.postMessage");
        assertEquals(1, posts.size());
        assertEquals("D1", posts.get(0).params().get("channel"));
        assertTrue(posts.get(0).params().get("blocks").contains("scoh/communiceren-11"));
    }

    static final java.util.concurrent.atomic.AtomicLong TRIGGERS = new java.util.concurrent.atomic.AtomicLong();

    /** A slash command as Slack sends it; every one has its own trigger_id, as Slack's do. */
    static String command(String text, String responseUrl) {
        return "token=x&team_id=T1&channel_id=C123&user_id=U0SECRETUSER&command=%2Fprotocol&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&response_url="
                + URLEncoder.encode(responseUrl, StandardCharsets.UTF_8) + "&trigger_id=1.2." + TRIGGERS.incrementAndGet();
    }

    @Test
    void slashCommandAnswersEphemerallyWithAShareButton() throws Exception {
        HttpResponse<String> r = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command(QUESTION, slack.responseUrl("cmd")));
        assertEquals(200, r.statusCode());
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("ephemeral", o.get("response_type").getAsString());
        assertTrue(o.get("text").getAsString().endsWith("Bij twijfel: niet publiceren."));
        assertTrue(r.body().contains("Deel in kanaal") && r.body().contains("protocol_share"), r.body());

        HttpResponse<String> usage = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command("", slack.responseUrl("cmd")));
        // the example is the corpus's first core rule (corpus/core-rules.txt), not an ID written into the code
        assertTrue(usage.body().contains("/protocol toon aurora/bijlage1-4"), usage.body());

        HttpResponse<String> lookup = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command("toon aurora/3.5", slack.responseUrl("cmd")));
        assertTrue(lookup.body().contains("leerlingen ouder dan 16 jaar"), lookup.body());
        assertTrue(lookup.body().contains("aurora/3.5"));
    }

    static String action(String actionId, String value, String responseUrl) {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U0SECRETUSER\"},"
                + "\"api_app_id\":\"A1\",\"token\":\"x\",\"container\":{\"type\":\"message\"},"
                + "\"trigger_id\":\"1.2." + TRIGGERS.incrementAndGet() + "\","
                + "\"channel\":{\"id\":\"C123\"},\"response_url\":\"" + responseUrl + "\","
                + "\"actions\":[{\"action_id\":\"" + actionId + "\",\"block_id\":\"b1\",\"type\":\"button\","
                + "\"value\":" + new com.google.gson.JsonPrimitive(value) + ",\"action_ts\":\"1.3\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    @Test
    void shareButtonPostsTheAnswerInTheChannel() throws Exception {
        HttpResponse<String> r = signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_share", "aurora/3.5,verkruisen/11", slack.responseUrl("share")));
        assertEquals(200, r.statusCode());
        List<LoopbackSlackApi.Call> shared = slack.await("/response/share", 1);
        assertEquals(1, shared.size());
        JsonObject o = JsonParser.parseString(shared.get(0).body()).getAsJsonObject();
        assertEquals("in_channel", o.get("response_type").getAsString());
        assertTrue(shared.get(0).body().contains("toestemming"));
    }

    @Test
    void votesAreStoredAndSurviveARestart() throws Exception {
        signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_vote_up", "aurora/3.5,scoh/11tal-8", slack.responseUrl("v1")));
        signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_vote_down", "aurora/3.5,not/an-article", slack.responseUrl("v2")));
        slack.await("/response/v2", 1);
        serve.close();
        serve = Server.start(settings(data));
        try (FeedbackStore store = TestStores.openFolder(data, false)) {
            Stats s = TestStores.stats(store);
            assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 1, 1), new Votes.PerArticle("scoh/11tal-8", 1, 0)),
                    s.votes());
        }
        assertTrue(slack.calls("/response/v1").get(0).body().contains("Bedankt"));
    }

    @Test
    void aThumbsDownKeepsTheQuestionItCarriesOnlyWhenTextsAreKept() throws Exception {
        String question = "mag ik een foto van mijn klas op tiktok zetten";
        signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_vote_down", "aurora/3.5\n" + question, slack.responseUrl("d1")));
        slack.await("/response/d1", 1);
        serve.close();
        serve = Server.start(settings(data, "PROTOCOLBOT_KEEP_UNANSWERED", "true"));
        signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_vote_down", "aurora/3.5,not/an-article\n" + question, slack.responseUrl("d2")));
        signer.postSigned(url(), "application/x-www-form-urlencoded",
                action("protocol_vote_up", "aurora/3.5\n" + "deze telt niet", slack.responseUrl("u1")));
        slack.await("/response/d2", 1);
        slack.await("/response/u1", 1);
        try (FeedbackStore store = TestStores.openFolder(data, true)) {
            Stats s = TestStores.stats(store);
            assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 1, 2)), s.votes());
            assertEquals(1, s.keptTexts().size(), s.keptTexts()::toString);
            assertEquals(KeptTexts.Kind.VOTED_DOWN, s.keptTexts().get(0).kind());
            assertEquals(question, s.keptTexts().get(0).question());
            assertEquals(List.of("aurora/3.5"), s.keptTexts().get(0).articleIds());
        }
    }

    @Test
    void forgedAndStaleRequestsGet401AndNoReply() throws Exception {
        String body = event("EvF1", mention(QUESTION, "1700000009.0"));
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> forged = signer.post(url(), "application/json", body, now, "v0=" + "0".repeat(64));
        assertEquals(401, forged.statusCode());
        long stale = now - 6 * 60;
        HttpResponse<String> old = signer.post(url(), "application/json", body, stale, signer.sign(stale, body));
        assertEquals(401, old.statusCode());
        HttpResponse<String> tampered = signer.post(url(), "application/json", body.replace("C123", "C999"), now,
                signer.sign(now, body));
        assertEquals(401, tampered.statusCode());
        Thread.sleep(300);
        assertEquals(0, slack.calls("chat.postMessage").size());
    }

    @Test
    void appHomeShowsTheCoreRules() throws Exception {
        String home = "{\"type\":\"app_home_opened\",\"user\":\"U0SECRETUSER\",\"channel\":\"D1\",\"tab\":\"home\","
                + "\"event_ts\":\"1.5\"}";
        assertEquals(200, signer.postSigned(url(), "application/json", event("EvH1", home)).statusCode());
        List<LoopbackSlackApi.Call> views = slack.await("views.publish", 1);
        assertEquals(1, views.size());
        String view = views.get(0).params().get("view");
        assertTrue(view.contains("De kernregels") && view.contains("aurora/3.5"), view);
        assertEquals("U0SECRETUSER", views.get(0).params().get("user_id"));
    }

    @Test
    void healthzReportsTheIndex() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + serve.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals(5, o.get("protocols").getAsInt());
        assertTrue(o.get("articles").getAsInt() > 200);
        assertFalse(r.body().contains(TOKEN) || r.body().contains(SECRET));
    }

    @Test
    void protocolbotOrgLimitsAnswersToOneProtocol(@TempDir Path other) throws Exception {
        try (Server konot = Server.start(settings(other, "PROTOCOLBOT_ORG", "konot"))) {
            HttpResponse<String> r = signer.postSigned("http://127.0.0.1:" + konot.port() + "/slack/events",
                    "application/x-www-form-urlencoded", command("mag ik een foto van een leerling plaatsen",
                            slack.responseUrl("org")));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("konot/"), r.body());
            for (String slug : List.of("aurora/", "scoh/", "oog/", "verkruisen/")) {
                assertFalse(r.body().contains("`" + slug), "only Konot's protocol: " + r.body());
            }
        }
    }

    @Test
    void slashCommandReadsTheSharedGrammar() throws Exception {
        HttpResponse<String> upper = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command("Toon AURORA/3.5", slack.responseUrl("cmd")));
        assertTrue(upper.body().contains("leerlingen ouder dan 16 jaar"), upper.body());
        HttpResponse<String> help = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command("HULP", slack.responseUrl("cmd")));
        assertTrue(help.body().contains("/protocol toon aurora/bijlage1-4"), help.body());
        HttpResponse<String> question = signer.postSigned(url(), "application/x-www-form-urlencoded",
                command("toon me wat er over vloeken in een tweet staat", slack.responseUrl("cmd")));
        assertFalse(question.body().contains("Onbekend artikel"), "a question, not an ID: " + question.body());
        assertTrue(question.body().contains("konot/donts-2"), question.body());
    }
}
