package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import nl.protocolbot.feedback.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults: the process killed while votes are written, and a server too busy to answer everything. */
@Timeout(300) // a guard against hanging, not a speed target; timings are in EndToEndBench
class FaultTest {
    @Test
    void killMinusNineLosesNoAcknowledgedVote(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "nl.protocolbot.cli.Main", "serve");
            pb.environment().put("SLACK_BOT_TOKEN", "xoxb-crash");
            pb.environment().put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            pb.environment().put("PORT", "0");
            pb.environment().put("PROTOCOLBOT_BIND", "127.0.0.1");
            pb.environment().put("PROTOCOLBOT_DATA", data.toString());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            AtomicInteger acked = new AtomicInteger();
            try {
                int port = nl.protocolbot.testing.ServeLog.port(process);
                assertTrue(port > 0);
                String url = "http://127.0.0.1:" + port + "/slack/events";
                SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
                Thread[] voters = new Thread[4];
                for (int t = 0; t < voters.length; t++) {
                    voters[t] = new Thread(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            try {
                                HttpResponse<String> r = signer.postSigned(url, "application/x-www-form-urlencoded",
                                        SlackHttpTest.action("protocol_vote_up", "konot/4", slack.responseUrl("v")));
                                if (r.statusCode() == 200) {
                                    acked.incrementAndGet();
                                }
                            } catch (Exception e) {
                                return; // the server is gone
                            }
                        }
                    });
                    voters[t].start();
                }
                while (acked.get() < 50) {
                    Thread.sleep(10);
                }
                process.destroyForcibly(); // SIGKILL, mid-stream
                process.waitFor();
                for (Thread t : voters) {
                    t.join();
                }
            } finally {
                process.destroyForcibly();
            }
            assertTrue(acked.get() >= 50, "votes acknowledged before the kill: " + acked.get());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("protocolbot.db"));
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertEquals("ok", r.getString(1));
            }
            try (FeedbackStore store = TestStores.openFolder(data, false)) {
                long stored = TestStores.stats(store).votes().get(0).up();
                assertTrue(stored >= acked.get(), "stored " + stored + " < acknowledged " + acked.get());
            }
        }
    }

    @Test
    void anOverloadedServerStillAcknowledgesAndSaysItIsBusy(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi()) {
            Map<String, String> env = new HashMap<>();
            env.put("SLACK_BOT_TOKEN", "xoxb-busy");
            env.put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("PORT", "0");
            env.put("PROTOCOLBOT_BIND", "127.0.0.1");
            env.put("PROTOCOLBOT_DATA", data.toString());
            env.put("PROTOCOLBOT_WORKERS", "1");
            env.put("PROTOCOLBOT_QUEUE", "1");
            SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
            int events = 60;
            try (Server serve = Server.start(Settings.fromEnv(env))) {
                String url = "http://127.0.0.1:" + serve.port() + "/slack/events";
                Thread[] senders = new Thread[6];
                AtomicInteger ok = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                for (int t = 0; t < senders.length; t++) {
                    int id = t;
                    senders[t] = new Thread(() -> {
                        for (int i = 0; i < events / senders.length; i++) {
                            String body = SlackHttpTest.event("EvO" + id + "-" + i, SlackHttpTest.mention(
                                    "mag ik een klassenfoto op Instagram zetten?", "8" + id + "." + i));
                            // like Slack: an event that is not acknowledged is delivered again, a few times
                            for (int attempt = 0; attempt < 50; attempt++) {
                                try {
                                    HttpResponse<String> r = attempt == 0
                                            ? signer.postSigned(url, "application/json", body)
                                            : signer.postSigned(url, "application/json", body,
                                                    "X-Slack-Retry-Num", Integer.toString(attempt));
                                    if (r.statusCode() == 200) {
                                        ok.incrementAndGet();
                                        break;
                                    }
                                    refused.incrementAndGet();
                                    Thread.sleep(20);
                                } catch (Exception e) {
                                    return; // counted as not acknowledged
                                }
                            }
                        }
                    });
                    senders[t].start();
                }
                for (Thread t : senders) {
                    t.join();
                }
                assertEquals(events, ok.get(), "every event acknowledged in the end");
                List<LoopbackSlackApi.Call> posts = slack.await("chat.postMessage", events);
                serve.close(); // finishes what was queued
                posts = slack.calls("chat.postMessage");
                assertEquals(events, posts.size(), "one reply per event: an answer or 'het is even druk'");
                assertEquals(events, posts.stream().map(c -> c.params().get("thread_ts")).distinct().count(),
                        "each event its own reply");
                long busy = posts.stream().filter(c -> c.params().get("text").contains("even druk")).count();
                System.out.println("overload: " + busy + " of " + events + " events got the busy reply; "
                        + refused.get() + " deliveries refused with 503 and retried");
                assertTrue(busy >= 1, "with one worker and a queue of one, work is shed");
                assertTrue(busy < events, "and some is still answered");
            }
        }
    }
}
