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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.server.Server;
import nl.protocolbot.server.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 concurrent clients for 10 seconds against one {@code serve} on 127.0.0.1: Slack events (some retried), slash
 * commands, votes and Teams messages. Every request answered, no 5xx, no duplicate or missing reply, no lost vote,
 * nothing private in the log. Bounded in time and count; latencies are printed for docs/performance.md, not
 * asserted.
 */
class LoadTest {
    static final int CLIENTS = 20;
    static final long SECONDS = 10;
    static final int MAX_REQUESTS_PER_CLIENT = 5_000;

    record Sample(String kind, long nanos, int status) {
    }

    @Test
    void twentyClientsForTenSeconds(@TempDir Path data) throws Exception {
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
            List<Sample> samples = new CopyOnWriteArrayList<>();
            Map<String, String> eventThreads = new ConcurrentHashMap<>();
            AtomicInteger votesAcked = new AtomicInteger();
            AtomicLong errors = new AtomicLong();
            List<String> problems = new CopyOnWriteArrayList<>();
            try (Server serve = Server.start(Settings.fromEnv(env))) {
                String base = "http://127.0.0.1:" + serve.port();
                SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
                long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
                Thread[] clients = new Thread[CLIENTS];
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    clients[c] = new Thread(() -> {
                        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; i++) {
                            String q = questions.get((id * 31 + i) % questions.size()).replace("\"", "'");
                            try {
                                long s = System.nanoTime();
                                switch (i % 4) {
                                    case 0 -> {
                                        String eventId = "EvL" + id + "-" + i;
                                        String ts = id + "." + i;
                                        String body = SlackHttpTest.event(eventId, SlackHttpTest.mention(q, ts));
                                        HttpResponse<String> r = signer.postSigned(base + "/slack/events",
                                                "application/json", body);
                                        samples.add(new Sample("slack event", System.nanoTime() - s, r.statusCode()));
                                        eventThreads.put(ts, eventId);
                                        if (i % 3 == 0) { // Slack retries: same event, new delivery
                                            HttpResponse<String> retry = signer.postSigned(base + "/slack/events",
                                                    "application/json", body, "X-Slack-Retry-Num", "1",
                                                    "X-Slack-Retry-Reason", "http_timeout");
                                            samples.add(new Sample("slack retry", 0, retry.statusCode()));
                                        }
                                    }
                                    case 1 -> {
                                        HttpResponse<String> r = signer.postSigned(base + "/slack/events",
                                                "application/x-www-form-urlencoded",
                                                SlackHttpTest.command(q, slack.responseUrl("load")));
                                        samples.add(new Sample("slash command", System.nanoTime() - s, r.statusCode()));
                                        if (r.statusCode() == 200 && !r.body().contains("Bij twijfel")) {
                                            problems.add("slash command without an answer");
                                        }
                                    }
                                    case 2 -> {
                                        String body = TeamsTest.activity("<at>Protocolbot</at> " + q);
                                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                                URI.create(base + "/teams/messages"))
                                                .header("Authorization", TeamsTest.sign(body))
                                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                                HttpResponse.BodyHandlers.ofString());
                                        samples.add(new Sample("teams message", System.nanoTime() - s, r.statusCode()));
                                        if (r.statusCode() == 200 && !r.body().contains("Bij twijfel")) {
                                            problems.add("teams reply without an answer");
                                        }
                                    }
                                    default -> {
                                        HttpResponse<String> r = signer.postSigned(base + "/slack/events",
                                                "application/x-www-form-urlencoded", SlackHttpTest.action(
                                                        "protocol_vote_up", "aurora/3.5", slack.responseUrl("vote")));
                                        samples.add(new Sample("vote", System.nanoTime() - s, r.statusCode()));
                                        if (r.statusCode() == 200) {
                                            votesAcked.incrementAndGet();
                                        }
                                    }
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                                problems.add(e.getClass().getSimpleName());
                            }
                        }
                    });
                    clients[c].start();
                }
                for (Thread t : clients) {
                    t.join(Duration.ofSeconds(SECONDS + 60).toMillis());
                }
                // every event answered exactly once (answers are posted by the workers, after the ack)
                long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < wait && slack.calls("chat.postMessage").size() < eventThreads.size()) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
            }
            List<LoopbackSlackApi.Call> posts = slack.calls("chat.postMessage");
            Map<String, Integer> perThread = new HashMap<>();
            for (LoopbackSlackApi.Call c : posts) {
                perThread.merge(c.params().get("thread_ts"), 1, Integer::sum);
            }
            assertEquals(List.of(), problems.stream().distinct().toList(), "errors: " + errors.get());
            assertTrue(samples.size() > CLIENTS * 10, "requests made: " + samples.size());
            assertTrue(samples.stream().allMatch(s -> s.status() == 200),
                    "every request answered 200: " + samples.stream().filter(s -> s.status() != 200).limit(5).toList());
            assertEquals(eventThreads.size(), perThread.size(), "every event answered");
            assertTrue(perThread.values().stream().allMatch(n -> n == 1), "no event answered twice");
            try (FeedbackStore store = FeedbackStore.openFolder(data, false)) {
                assertEquals(votesAcked.get(), store.stats().votes().get(0).up(), "no acknowledged vote lost");
            }
            String log = logs.text();
            for (String secret : List.of("xoxb-load-SECRET", SlackHttpTest.SECRET, TeamsTest.TOKEN, "Juf Anna",
                    "klassenfoto", "vriendschapsverzoek", "U0SECRETUSER")) {
                assertFalse(log.contains(secret), "log must not contain " + secret);
            }
            report(samples);
        }
    }

    static void report(List<Sample> samples) {
        System.out.println("Load test: " + CLIENTS + " clients, " + SECONDS + " s, " + samples.size() + " requests");
        for (String kind : List.of("slack event", "slash command", "teams message", "vote")) {
            long[] ns = samples.stream().filter(s -> s.kind().equals(kind)).mapToLong(Sample::nanos).sorted().toArray();
            if (ns.length == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", kind, ns.length, pct(ns, 0.5),
                    pct(ns, 0.95), pct(ns, 0.99));
        }
    }

    static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
