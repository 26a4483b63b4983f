package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Button clicks: acknowledged first, answered through response_url afterwards; one vote per person per answer. */
class SlackButtonsTest {
    @Test
    void aVoteIsAcknowledgedWhileResponseUrlIsStillBusy(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.holdResponseUrls(); // Slack's response_url hangs
            var r = server.form(SlackPayloads.blockAction(SlackPayloads.USER, "protocol_vote_up", "aurora/3.5",
                    server.slack.responseUrl("slow"), "1700001000.000100"));
            assertEquals(200, r.statusCode(), "acknowledged without waiting for response_url");
            assertEquals(1, server.slack.await("/response/slow", 1).size(), "the thanks are on their way");
            server.slack.release();
            assertEquals(1, votes(server).up());
        }
    }

    @Test
    void shareIsAcknowledgedWhileResponseUrlIsStillBusy(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            server.slack.holdResponseUrls();
            var r = server.form(SlackPayloads.blockAction(SlackPayloads.USER, "protocol_share",
                    "aurora/3.5,verkruisen/11", server.slack.responseUrl("share"),
                    "1700001001.000100"));
            assertEquals(200, r.statusCode());
            server.slack.release();
            var shared = server.slack.await("/response/share", 1);
            assertTrue(shared.get(0).body().contains("in_channel"), shared.get(0).body());
        }
    }

    @Test
    void aSecondClickOnTheSameAnswerCountsOnce(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            String url = server.slack.responseUrl("v");
            for (int click = 0; click < 2; click++) {
                assertEquals(200, server.form(SlackPayloads.blockAction(SlackPayloads.USER, "protocol_vote_up",
                        "aurora/3.5", url, "1700001002.000100")).statusCode());
            }
            // a colleague votes on the same answer: that is another vote
            assertEquals(200, server.form(SlackPayloads.blockAction("U0COLLEAGUE", "protocol_vote_up", "aurora/3.5",
                    url, "1700001002.000100")).statusCode());
            assertEquals(2, votes(server).up());
        }
    }

    private static Votes.PerArticle votes(SlackServer server) throws Exception {
        server.serve.close();
        try (FeedbackStore store = TestStores.openFolder(server.data, false)) {
            return TestStores.stats(store).votes().get(0);
        } finally {
            server.serve = nl.protocolbot.app.Server.start(server.settings());
        }
    }

    @Test
    void nothingFoundOffersNoShareAndSharingNeverCountsAQuestionAgain(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            String offTopic = "Hoe laat begint de kerstviering?";
            var r = server.form(SlackHttpTest.command(offTopic, server.slack.responseUrl("cmd")));
            assertTrue(r.body().contains("niets over in het protocol"), r.body());
            assertTrue(!r.body().contains("protocol_share") && !r.body().contains("Deel in kanaal"), r.body());
            // a share button as earlier versions made it (it carried the question): not searched again, not counted
            assertEquals(200, server.form(SlackPayloads.blockAction(SlackPayloads.USER, "protocol_share", offTopic,
                    server.slack.responseUrl("old"), "1700001003.000100")).statusCode());
            assertTrue(server.slack.await("/response/old", 1).get(0).body().contains("niet meer gedeeld"));
            // the share button of a real answer carries its articles and shows them as they are
            var answered = server.form(SlackHttpTest.command("mag ik een klassenfoto op Instagram zetten?",
                    server.slack.responseUrl("cmd")));
            String ids = shareValue(answered.body());
            String first = ids.split(",")[0];
            assertTrue(first.matches("[a-z]+/[\\w.-]+"), ids);
            assertEquals(200, server.form(SlackPayloads.blockAction(SlackPayloads.USER, "protocol_share", ids,
                    server.slack.responseUrl("new"), "1700001004.000100")).statusCode());
            assertTrue(server.slack.await("/response/new", 1).get(0).body().contains(first));
            server.serve.close();
            try (FeedbackStore store = TestStores.openFolder(server.data, false)) {
                assertEquals(1, TestStores.stats(store).unanswered(), "the off-topic question counted once, when asked");
            } finally {
                server.serve = nl.protocolbot.app.Server.start(server.settings());
            }
        }
    }

    /** The value of the "Deel in kanaal" button in a slash command's reply. */
    private static String shareValue(String reply) {
        for (var block : com.google.gson.JsonParser.parseString(reply).getAsJsonObject().getAsJsonArray("blocks")) {
            var elements = block.getAsJsonObject().getAsJsonArray("elements");
            for (int i = 0; elements != null && i < elements.size(); i++) {
                var e = elements.get(i).getAsJsonObject();
                if (e.has("action_id") && "protocol_share".equals(e.get("action_id").getAsString())) {
                    return e.get("value").getAsString();
                }
            }
        }
        throw new AssertionError("no share button in " + reply);
    }
}
