package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overload: every event Slack is told we accepted gets exactly one post; what cannot be taken is refused. */
class SlackOverloadTest {
    static final String Q = "mag ik een klassenfoto op Instagram zetten?";

    @Test
    void whenNotEvenANoticeCanBeQueuedTheEventIsRefusedAndAnsweredOnItsRetry(@TempDir Path data) throws Exception {
        // one answer worker with a queue of one; the notice sender has a queue of one too
        try (SlackServer server = new SlackServer(data, "PROTOCOLBOT_QUEUE", "1")) {
            server.slack.hold(); // Slack is slow: posts hang, so the answer and notice threads stay busy
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                statuses.add(server.event("EvLoad" + i, SlackPayloads.mention(Q, "1700000800.00000" + i)).statusCode());
            }
            // 1 answering, 1 waiting for an answer, 1 notice being posted, 1 notice waiting, 1 refused
            assertEquals(List.of(200, 200, 200, 200, 503), statuses);
            assertEquals(2, server.serve.slackCounters().shed());
            assertEquals(1, server.serve.slackCounters().refused());
            server.slack.release();
            // the four accepted events get their posts; then the queues have room again
            assertEquals(4, server.slack.await("chat.postMessage", 4).size());
            // Slack retries the refused event; now it is taken and answered
            assertEquals(200, server.event("EvLoad5", SlackPayloads.mention(Q, "1700000800.000005"),
                    "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error").statusCode());
            assertEquals(1, server.slack.await("chat.postMessage", 1,
                    c -> "1700000800.000005".equals(c.params().get("thread_ts"))).size());
            List<LoopbackSlackApi.Call> posts = server.postsAfterMarker("load");
            Set<String> threads = posts.stream().map(c -> c.params().get("thread_ts")).collect(Collectors.toSet());
            assertEquals(5, posts.size(), "one post per event");
            assertEquals(5, threads.size(), "in each event's own thread");
            assertEquals(2, posts.stream().filter(c -> c.params().get("text").contains("even druk")).count());
        }
    }
}
