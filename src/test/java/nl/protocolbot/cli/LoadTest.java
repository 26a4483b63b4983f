package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 concurrent clients, 60 requests each, against one {@code serve} on 127.0.0.1: Slack events (some retried),
 * slash commands, votes and Teams messages. Every request answered, no 5xx, no duplicate or missing reply, no lost
 * vote, nothing private in the log. It asserts behaviour only; the same mix run for 10 seconds, with latencies, is
 * {@code EndToEndBench.load} ({@code mvn -Pbench test}, docs/performance.md).
 */
@Timeout(300) // a guard against hanging, not a speed target
class LoadTest {
    static final int CLIENTS = 20;
    static final int REQUESTS_PER_CLIENT = 60;

    /** The request mix, and what it saw: which events were sent, which votes acknowledged, what went wrong. */
    static final class Mix {
        final String base;
        final SlackSigner signer;
        final LoopbackSlackApi slack;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, String> eventThreads = new ConcurrentHashMap<>();
        final AtomicInteger votesAcked = new AtomicInteger();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final List<Integer> statuses = new CopyOnWriteArrayList<>();

        Mix(String base, SlackSigner signer, LoopbackSlackApi slack) {
            this.base = base;
            this.signer = signer;
            this.slack = slack;
        }

        /** Sends request {@code i} of client {@code id}; returns its kind. */
        String send(int id, int i, String q) throws Exception {
            switch (i % 4) {
                case 0 -> {
                    event(id, i, q);
                    return "slack event";
                }
                case 1 -> {
                    HttpResponse<String> r = signer.postSigned(base + "/slack/events",
                            "application/x-www-form-urlencoded", SlackHttpTest.command(q, slack.responseUrl("load")));
                    check(r, "slash command");
                    return "slash command";
                }
                case 2 -> {
                    String body = TeamsTest.activity("<at>Protocolbot</at> " + q);
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/teams/messages"))
                            .header("Authorization", TeamsTest.sign(body))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    check(r, "teams reply");
                    return "teams message";
                }
                default -> {
                    HttpResponse<String> r = signer.postSigned(base + "/slack/events",
                            "application/x-www-form-urlencoded", SlackHttpTest.action(
                                    "protocol_vote_up", "aurora/3.5", slack.responseUrl("vote")));
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 200) {
                        votesAcked.incrementAndGet();
                    }
                    return "vote";
                }
            }
        }

        private void event(int id, int i, String q) throws Exception {
            String eventId = "EvL" + id + "-" + i;
            String ts = id + "." + i;
            String body = SlackHttpTest.event(eventId, SlackHttpTest.mention(q, ts));
            statuses.add(signer.postSigned(base + "/slack/events", "application/json", body).statusCode());
            eventThreads.put(ts, eventId);
            if (i % 3 == 0) { // Slack retries: same event, new delivery
                statuses.add(signer.postSigned(base + "/slack/events", "application/json", body,
                        "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").statusCode());
            }
        }

        private void check(HttpResponse<String> r, String what) {
            statuses.add(r.statusCode());
            if (r.statusCode() == 200 && !r.body().contains("Bij twijfel")) {
                problems.add(what + " without an answer");
            }
        }
    }

    @Test
    void twentyClientsSixtyRequestsEach(@TempDir Path data) throws Exception {
        List<String> questions = Bench.questions();
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); LogCapture logs = new LogCapture()) {
            Map<String, String> env = new HashMap<>();
            env.put("SLACK_BOT_TOKEN", "xoxb-load-SECRET");
            env.put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN);
            env.put("PORT", "0");
            env.put("PROTOCOLBOT_BIND", "127.0.0.1");
            env.put("PROTOCOLBOT_DATA", data.toString());
            Mix mix;
            try (Server serve = Server.start(Settings.fromEnv(env))) {
                mix = new Mix("http://127.0.0.1:" + serve.port(), new SlackSigner(SlackHttpTest.SECRET), slack);
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    Mix m = mix;
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                            try {
                                m.send(id, i, questions.get((id * 31 + i) % questions.size()).replace("\"", "'"));
                            } catch (Exception e) {
                                m.problems.add(e.getClass().getSimpleName());
                            }
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                for (Thread t : clients) {
                    t.join();
                }
                // every event answered exactly once (answers are posted by the workers, after the ack)
                while (slack.calls("chat.postMessage").size() < mix.eventThreads.size()) {
                    Thread.sleep(50);
                }
            } // closing finishes whatever is still queued, so a second answer would have been posted by now
            Map<String, Integer> perThread = new HashMap<>();
            for (LoopbackSlackApi.Call c : slack.calls("chat.postMessage")) {
                perThread.merge(c.params().get("thread_ts"), 1, Integer::sum);
            }
            assertEquals(List.of(), mix.problems.stream().distinct().toList());
            assertTrue(mix.statuses.size() >= CLIENTS * REQUESTS_PER_CLIENT, "requests made: " + mix.statuses.size());
            assertEquals(List.of(), mix.statuses.stream().filter(s -> s != 200).toList(), "every request answered 200");
            assertEquals(mix.eventThreads.keySet(), perThread.keySet(), "every event answered");
            assertTrue(perThread.values().stream().allMatch(n -> n == 1), "no event answered twice");
            try (FeedbackStore store = TestStores.openFolder(data, false)) {
                assertEquals(mix.votesAcked.get(), TestStores.stats(store).votes().get(0).up(), "no acknowledged vote lost");
            }
            String log = logs.text();
            for (String secret : List.of("xoxb-load-SECRET", SlackHttpTest.SECRET, TeamsTest.TOKEN, "Juf Anna",
                    "klassenfoto", "vriendschapsverzoek", "U0SECRETUSER")) {
                assertFalse(log.contains(secret), "log must not contain " + secret);
            }
        }
    }
}
