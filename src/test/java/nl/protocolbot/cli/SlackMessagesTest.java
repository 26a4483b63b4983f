package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack's real message shapes: which are answered, which are acknowledged and left alone. */
class SlackMessagesTest {
    @TempDir
    Path data;
    SlackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new SlackServer(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDirectMessageWithAPhotoIsAnswered() throws Exception {
        var r = server.event("EvFile1", SlackPayloads.fileShareDm("mag ik deze foto van de klas posten?",
                "1700000100.000100"));
        assertEquals(200, r.statusCode());
        List<LoopbackSlackApi.Call> posts = server.slack.await("chat.postMessage", 1);
        assertEquals(1, posts.size());
        assertEquals("D0DM", posts.get(0).params().get("channel"));
        assertTrue(posts.get(0).params().get("blocks").contains("toestemming"), posts.get(0).params().get("blocks"));
    }

    @Test
    void helpAndToonInADirectMessageAreCommandsNotQuestions() throws Exception {
        server.event("EvCmd1", SlackPayloads.fileShareDm("help", "1700000200.000100"));
        String help = server.slack.await("chat.postMessage", 1).get(0).params().get("text");
        // the example is the corpus's first core rule (corpus/core-rules.txt)
        assertTrue(help.contains("toon aurora/bijlage1-4"), help);
        server.event("EvCmd2", SlackPayloads.fileShareDm("toon aurora/3.5", "1700000200.000200"));
        String article = server.slack.await("chat.postMessage", 2).get(1).params().get("blocks");
        assertTrue(article.contains("Schriftelijke toestemming") && article.contains("aurora/3.5"), article);
        server.event("EvCmd3", SlackPayloads.fileShareDm("toon aurora/99", "1700000200.000300"));
        String unknown = server.slack.await("chat.postMessage", 3).get(2).params().get("text");
        assertTrue(unknown.startsWith("Onbekend artikel `aurora/99`"), unknown);
    }

    @Test
    void aThreadReplyAlsoSentToTheConversationIsAnsweredInItsThread() throws Exception {
        var r = server.event("EvBroad1", SlackPayloads.threadBroadcastDm("mag ik een klassenfoto op Instagram zetten?",
                "1700000200.000200", "1700000150.000100"));
        assertEquals(200, r.statusCode());
        List<LoopbackSlackApi.Call> posts = server.slack.await("chat.postMessage", 1);
        assertEquals(1, posts.size());
        assertEquals("D0DM", posts.get(0).params().get("channel"));
        assertEquals("1700000150.000100", posts.get(0).params().get("thread_ts"));
    }

    @Test
    void messagesThatAreNotAPersonWritingGet200AndNoAnswer() throws Exception {
        List<String> events = List.of(
                SlackPayloads.botMessage("mag ik een klassenfoto op Instagram zetten?", "1700000300.000100"),
                SlackPayloads.messageChanged("mag ik een klassenfoto op Instagram zetten?", "1700000301.000100",
                        "1700000302.000100"),
                SlackPayloads.messageDeleted("1700000301.000100", "1700000303.000100"),
                SlackPayloads.channelJoin("1700000304.000100"));
        int i = 0;
        for (String event : events) {
            assertEquals(200, server.event("EvQuiet" + i++, event).statusCode(), event);
        }
        assertEquals(0, server.postsAfterMarker("quiet").size(), "no answer to what is not a person writing");
    }

    @Test
    void anEditedMentionIsNotAnsweredASecondTime() throws Exception {
        assertEquals(200, server.event("EvEdit1", SlackPayloads.mention("mag ik een klasfoto plaatsen",
                "1700000400.000100")).statusCode());
        assertEquals(200, server.event("EvEdit2", SlackPayloads.editedMention(
                "mag ik een klassenfoto op Instagram zetten?", "1700000400.000100", "1700000410.000100")).statusCode());
        List<LoopbackSlackApi.Call> posts = server.postsAfterMarker("edit");
        assertEquals(1, posts.size());
        assertEquals("1700000400.000100", posts.get(0).params().get("thread_ts"));
    }

    @Test
    void oneMessageUnderTwoEventIdsIsAnsweredOnce() throws Exception {
        String mention = SlackPayloads.mention("mag ik een klassenfoto op Instagram zetten?", "1700000500.000100");
        assertEquals(200, server.event("EvTwice1", mention).statusCode());
        assertEquals(200, server.event("EvTwice2", mention).statusCode());
        assertEquals(1, server.postsAfterMarker("twice").size());
    }

    @Test
    void aMentionByAnotherBotIsNotAnswered() throws Exception {
        assertEquals(200, server.event("EvBot1", SlackPayloads.botMention("mag ik een klassenfoto op Instagram zetten?",
                "1700000600.000100")).statusCode());
        assertEquals(0, server.postsAfterMarker("bot").size(), "a bot is never answered");
    }
}
