package nl.protocolbot.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.server.HttpEndpoint;
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

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBotFramework();
        store = FeedbackStore.openFolder(data, false);
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
        return new TeamsBot(config, () -> answerer, store, workers, notices, Clock.systemUTC());
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

        HttpEndpoint.Reply retry = bot(Runnable::run, Runnable::run).handle(call);
        assertEquals(202, retry.status());
        assertEquals(1, fake.await(1).size(), "the connector's retry is answered");
    }
}
