package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Slack sent before a restart is still known after it: retries and replays are not handled twice. */
class SlackRestartTest {
    @Test
    void aRetriedMentionIsNotAnsweredAgainAfterARestart(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            String mention = SlackPayloads.mention("mag ik een klassenfoto op Instagram zetten?", "1700000700.000100");
            assertEquals(200, server.event("EvRestart1", mention).statusCode());
            assertEquals(1, server.slack.await("chat.postMessage", 1).size());
            server.restart();
            // Slack retries with the same event ID, signed anew
            assertEquals(200, server.event("EvRestart1", mention, "X-Slack-Retry-Num", "1",
                    "X-Slack-Retry-Reason", "http_timeout").statusCode());
            assertEquals(1, server.postsAfterMarker("restart").size(), "answered once, before the restart");
        }
    }

    @Test
    void aReplayedSignedVoteIsNotCountedAgainAfterARestart(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            String vote = SlackHttpTest.action("protocol_vote_up", "aurora/3.5", server.slack.responseUrl("v"));
            long ts = System.currentTimeMillis() / 1000;
            String signature = server.signer.sign(ts, vote);
            assertEquals(200, server.signer.post(server.url(), "application/x-www-form-urlencoded", vote, ts,
                    signature).statusCode());
            server.restart();
            assertEquals(200, server.signer.post(server.url(), "application/x-www-form-urlencoded", vote, ts,
                    signature).statusCode());
            server.serve.close();
            try (FeedbackStore store = TestStores.openFolder(data, false)) {
                assertEquals(new Votes.PerArticle("aurora/3.5", 1, 0), TestStores.stats(store).votes().get(0));
            }
            server.serve = nl.protocolbot.app.Server.start(server.settings());
        }
    }
}
