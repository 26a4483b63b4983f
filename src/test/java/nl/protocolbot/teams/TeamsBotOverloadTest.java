package nl.protocolbot.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.metrics.Metrics;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When even the busy notice cannot be queued: 503, and the activity is not remembered, so the retry is answered. */
class TeamsBotOverloadTest {
    @TempDir
    Path data;
    FakeBotFramework fake;
    FeedbackStore store;
    Answerer answerer;
    final Recorded metrics = new Recorded();

    /** What the bot reported, in order, one line per call (no real registry is needed to see what was counted). */
    static final class Recorded implements Metrics {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void answered(Platform platform, Answer.Status status, Duration latency) {
            calls.add("answered " + platform + " " + status);
        }

        @Override
        public void voted(Platform platform, Vote vote) {
            calls.add("voted " + platform + " " + vote);
        }

        @Override
        public void shed(Platform platform, Shed how) {
            calls.add("shed " + platform + " " + how);
        }

        @Override
        public void retried(Platform platform) {
            calls.add("retried " + platform);
        }

        @Override
        public void lost(Platform platform) {
            calls.add("lost " + platform);
        }

        @Override
        public void corpus(Reload reload) {
            calls.add("corpus " + reload);
        }
    }

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBotFramework();
        store = TestStores.openFolder(data, false);
        answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        fake.close();
    }

    TeamsBot bot(Executor workers, Executor notices) {
        TeamsBot.Config config = new TeamsBot.Config(FakeBotFramework.APP_ID, FakeBotFramework.APP_PASSWORD,
                URI.create(fake.openIdUrl()), URI.create(fake.tokenUrl()));
        return new TeamsBot(config, () -> answerer, store.claims(), store.votes(), workers, notices, Clock.systemUTC(),
                metrics);
    }

    @Test
    void aRefusedActivityIsAnsweredWhenTheConnectorRetriesIt() throws Exception {
        Executor full = r -> {
            throw new RejectedExecutionException("full");
        };
        JsonObject a = new JsonObject();
        a.addProperty("type", "message");
        a.addProperty("id", "1700000000042");
        a.addProperty("channelId", "msteams");
        a.addProperty("serviceUrl", fake.serviceUrl());
        a.addProperty("text", "mag ik een klassenfoto op Instagram zetten?");
        JsonObject conversation = new JsonObject();
        conversation.addProperty("conversationType", "personal");
        conversation.addProperty("id", "a:1conversation");
        a.add("conversation", conversation);
        HttpEndpoint.Call call = new HttpEndpoint.Call("POST", "/api/messages", "", Map.of("authorization",
                List.of("Bearer " + fake.token(fake.serviceUrl(), c -> { }))),
                a.toString().getBytes(StandardCharsets.UTF_8), "127.0.0.1");

        assertEquals(503, bot(full, full).handle(call).status());
        assertEquals(0, fake.connectorCalls());
        assertEquals(List.of("shed TEAMS_BOT REFUSED"), metrics.calls);

        HttpEndpoint.Reply retry = bot(Runnable::run, Runnable::run).handle(call);
        assertEquals(202, retry.status());
        assertEquals(1, fake.await(1).size(), "the connector's retry is answered");
        // Runnable::run answered within handle(), so the count is complete here
        assertEquals(List.of("shed TEAMS_BOT REFUSED", "answered TEAMS_BOT ANSWERED"), metrics.calls);
    }
}
