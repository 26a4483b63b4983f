package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.protocolbot.feedback.TestPostgres;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the server behind one load balancer, on one real PostgreSQL: each has its own HTTP port, data
 * folder, queues and connection pool, as two {@code serve} processes would; they share only the database (and
 * the fake Slack Web API they post to).
 */
@ExtendWith(TestPostgres.class)
class TwoReplicasTest {
    final SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
    LoopbackSlackApi slack;
    Server a;
    Server b;

    void start(TestPostgres.Db db, Path dataA, Path dataB) throws Exception {
        slack = new LoopbackSlackApi();
        a = Server.start(settings(db, dataA));
        b = Server.start(settings(db, dataB));
    }

    Settings settings(TestPostgres.Db db, Path data) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", SlackHttpTest.TOKEN);
        env.put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        env.put("PROTOCOLBOT_DATABASE_URL", db.url());
        env.put("PROTOCOLBOT_DATABASE_USER", "postgres");
        // one worker each: a replica posts its answers in the order the events came (see postsFor)
        env.put("PROTOCOLBOT_WORKERS", "1");
        return Settings.fromEnv(env);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, slack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String url(Server s) {
        return "http://127.0.0.1:" + s.port() + "/slack/events";
    }

    @Test
    void anEventDeliveredToBothIsAnsweredOnce(TestPostgres.Db db, @TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        start(db, dataA, dataB);
        String mention = SlackPayloads.mention("mag ik een klassenfoto op Instagram zetten?", "1700000900.000100");
        String body = SlackPayloads.callback("EvBoth1", mention);
        // Slack's first delivery reaches one replica, its retry (signed anew) the other, both at once
        List<HttpResponse<String>> replies = all(List.of(
                () -> signer.postSigned(url(a), "application/json", body),
                () -> signer.postSigned(url(b), "application/json", body, "X-Slack-Retry-Num", "1",
                        "X-Slack-Retry-Reason", "http_timeout")));
        assertEquals(List.of(200, 200), replies.stream().map(HttpResponse::statusCode).toList());
        // the same message again under another event ID (Slack does that), at the other replica
        assertEquals(200, signer.postSigned(url(b), "application/json",
                SlackPayloads.callback("EvBoth2", mention)).statusCode());
        assertEquals(1, postsFor("1700000900.000100").size(), "one answer in the thread, from either replica");
    }

    @Test
    void aReplayAtTheSecondReplicaIsRefused(TestPostgres.Db db, @TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        start(db, dataA, dataB);
        long ts = System.currentTimeMillis() / 1000;
        String body = SlackPayloads.callback("EvReplay1",
                SlackPayloads.mention("mag ik vloeken in een tweet", "1700000901.000100"));
        String signature = signer.sign(ts, body);
        assertEquals(200, signer.post(url(a), "application/json", body, ts, signature).statusCode());
        assertEquals(1, slack.await("chat.postMessage", 1, c -> "1700000901.000100".equals(c.params().get("thread_ts"))).size());
        // the very same signed request, captured and sent again to the other replica
        assertEquals(200, signer.post(url(b), "application/json", body, ts, signature).statusCode());

        String vote = SlackHttpTest.action("protocol_vote_up", "aurora/3.5", slack.responseUrl("replayed"));
        String voteSignature = signer.sign(ts, vote);
        String form = "application/x-www-form-urlencoded";
        assertEquals(200, signer.post(url(a), form, vote, ts, voteSignature).statusCode());
        assertEquals(200, signer.post(url(b), form, vote, ts, voteSignature).statusCode());

        assertEquals(1, postsFor("1700000901.000100").size(), "the replayed mention is not answered again");
        assertEquals(1, slack.calls("/response/replayed").size(), "the replayed vote is not handled again");
        MainTest.Run stats = stats(db);
        assertEquals(0, stats.code(), stats.err());
        assertEquals("  aurora/3.5                       1      0\n", voteLines(stats.out()), stats.out());
    }

    @Test
    void bothReplicasTogetherCountEveryVoteThatStatsShows(TestPostgres.Db db, @TempDir Path dataA,
                                                           @TempDir Path dataB) throws Exception {
        start(db, dataA, dataB);
        List<Callable<HttpResponse<String>>> votes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Server to = i % 2 == 0 ? a : b;
            String action = i % 5 == 0 ? "protocol_vote_down" : "protocol_vote_up";
            String articles = i % 4 < 2 ? "aurora/3.5,scoh/11tal-8" : "aurora/3.5";
            String vote = SlackHttpTest.action(action, articles, slack.responseUrl("vote" + i));
            votes.add(() -> signer.postSigned(url(to), "application/x-www-form-urlencoded", vote));
        }
        for (HttpResponse<String> r : all(votes)) {
            assertEquals(200, r.statusCode(), r.body());
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(1, slack.await("/response/vote" + i, 1).size(), "vote " + i + " was thanked, so stored");
        }
        MainTest.Run stats = stats(db);
        assertEquals(0, stats.code(), stats.err());
        // votes 0, 5, 10, 15 are 👎; votes 0, 1, 4, 5, 8, 9, 12, 13, 16, 17 also name scoh/11tal-8
        assertEquals("  aurora/3.5                      16      4\n"
                + "  scoh/11tal-8                     8      2\n", voteLines(stats.out()), stats.out());
    }

    /** {@code protocolbot stats} on the shared database, as an operator runs it. */
    static MainTest.Run stats(TestPostgres.Db db) {
        return MainTest.withEnv(Map.of("PROTOCOLBOT_DATABASE_URL", db.url(), "PROTOCOLBOT_DATABASE_USER", "postgres"),
                "", "stats");
    }

    static String voteLines(String out) {
        StringBuilder b = new StringBuilder();
        out.lines().filter(l -> l.startsWith("  ") && l.contains("/")).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /**
     * The posts in a thread once both replicas have worked through everything sent so far: a marker mention sent
     * to each replica last is waited for (each posts in order, with one worker).
     */
    List<LoopbackSlackApi.Call> postsFor(String threadTs) throws Exception {
        int n = 0;
        for (Server s : List.of(a, b)) {
            String ts = "1799999999.00000" + n++;
            signer.postSigned(url(s), "application/json", SlackPayloads.callback("EvMarker" + ts,
                    SlackPayloads.mention("mag ik vloeken in een tweet", ts)));
            slack.await("chat.postMessage", 1, c -> ts.equals(c.params().get("thread_ts")));
        }
        return slack.calls("chat.postMessage").stream().filter(c -> threadTs.equals(c.params().get("thread_ts")))
                .toList();
    }

    static <T> List<T> all(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, work.size()));
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
