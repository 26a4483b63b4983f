package nl.protocolbot.cli;

import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rate-limited or failing Slack Web API: posts are retried as Slack asks, within bounds, and losses counted. */
class SlackRetryTest {
    static final String Q = "mag ik een klassenfoto op Instagram zetten?";
    static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = new LogCapture();
    }

    @AfterAll
    static void noTextInTheLog() {
        logs.close();
        assertFalse(logs.text().contains("klassenfoto") || logs.text().contains(SlackPayloads.USER),
                "no question text or user IDs in the log");
    }

    @Test
    void aRateLimitedPostIsSentAgainAfterTheDelaySlackAsksFor(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.fail(429, "1", 2);
            assertEquals(200, server.event("EvRate1", SlackPayloads.mention(Q, "1700000900.000100")).statusCode());
            List<LoopbackSlackApi.Call> tries = server.slack.await("chat.postMessage", 3);
            assertEquals(3, tries.size(), "two refused, the third taken");
            for (int i = 1; i < tries.size(); i++) {
                long waitedMillis = (tries.get(i).nanos() - tries.get(i - 1).nanos()) / 1_000_000;
                assertTrue(waitedMillis >= 1000, "waited the second Slack asked for, not " + waitedMillis + " ms");
            }
            assertEquals(0, server.serve.slackCounters().lost());
        }
    }

    @Test
    void aPostThatMeetsAServerErrorIsSentAgain(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.fail(503, null, 1);
            assertEquals(200, server.event("EvErr1", SlackPayloads.mention(Q, "1700000901.000100")).statusCode());
            assertEquals(2, server.slack.await("chat.postMessage", 2).size());
            assertEquals(0, server.serve.slackCounters().lost());
        }
    }

    @Test
    void aPostStillRefusedAfterThreeTriesIsLoggedAndCountedAsLost(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.fail(429, "1", 3);
            assertEquals(200, server.event("EvLost1", SlackPayloads.mention(Q, "1700000902.000100")).statusCode());
            // the marker's post comes after the lost one's three tries (one worker, in order)
            assertEquals(3, server.postsAfterMarker("lost").size(), "three tries, no more");
            assertEquals(1, server.serve.slackCounters().lost());
            assertTrue(logs.text().contains("chat.postMessage lost after 3 tries: HTTP 429"), "the loss is logged");
        }
    }

    @Test
    void aDelayBeyondThirtySecondsIsNotWaitedFor(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.fail(429, "120", 1);
            assertEquals(200, server.event("EvLong1", SlackPayloads.mention(Q, "1700000903.000100")).statusCode());
            assertEquals(1, server.postsAfterMarker("long").size(), "given up at once");
            assertEquals(1, server.serve.slackCounters().lost());
        }
    }
}
