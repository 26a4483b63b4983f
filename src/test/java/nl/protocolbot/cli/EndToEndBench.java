package nl.protocolbot.cli;

import nl.protocolbot.testing.ServeProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end part of the benchmark, with the test fixtures (a loopback Slack Web API, a Slack request signer)
 * that stay out of the production jar: {@code mvn -B -Pbench test} runs it and prints Markdown rows for
 * docs/performance.md. Nothing here is asserted: these are measurements, not tests; the behaviour under the same
 * conditions is asserted by {@code LoadTest}, {@code FaultTest}, {@code HostileInputTest} and {@code HttpServerTest}.
 */
@Tag("bench")
class EndToEndBench {
    static final PrintWriter OUT = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    final List<String> questions;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    EndToEndBench() throws Exception {
        questions = Bench.questions();
    }

    static Map<String, String> env(LoopbackSlackApi slack, Path data, String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-bench");
        env.put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN);
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    static String ms(long[] nanos) {
        Bench.Run r = new Bench.Run(nanos, 1);
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", r.p(0.5), r.p(0.95), r.p(0.99));
    }

    static String counters(Server server) {
        var c = server.slackCounters();
        return c.shed() + " / " + c.refused() + " / " + c.lost();
    }

    static void row(String figure, String value) {
        OUT.printf(Locale.ROOT, "| %s | %s |%n", figure, value);
    }

    String question(int i) {
        return questions.get(Math.floorMod(i, questions.size())).replace("\"", "'");
    }

    HttpResponse<String> teams(String base, String text) throws Exception {
        String body = TeamsTest.activity("<at>Protocolbot</at> " + text);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/teams/messages"))
                .header("Authorization", TeamsTest.sign(body)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Slack event arriving on loopback to chat.postMessage leaving; Teams request to response; 200 of each. */
    @Test
    void endToEnd(@TempDir Path data) throws Exception {
        int count = 200;
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); Server server = Server.start(Settings.fromEnv(
                env(slack, data)))) {
            String base = "http://127.0.0.1:" + server.port();
            SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
            long[] slackNanos = new long[count];
            long[] teamsNanos = new long[count];
            for (int i = -count / 4; i < count; i++) { // the first quarter warms up
                String ts = "1700000000." + (i + count);
                long s = System.nanoTime();
                signer.postSigned(base + "/slack/events", "application/json",
                        SlackHttpTest.event("EvBench" + (i + count), SlackHttpTest.mention(question(i), ts)));
                List<LoopbackSlackApi.Call> posted = slack.await("chat.postMessage", 1,
                        c -> ts.equals(c.params().get("thread_ts")));
                long t = System.nanoTime();
                teams(base, question(i));
                if (i >= 0 && !posted.isEmpty()) {
                    slackNanos[i] = posted.get(0).nanos() - s;
                    teamsNanos[i] = System.nanoTime() - t;
                }
            }
            row("end to end, Slack event in → chat.postMessage out, p50 / p95 / p99", ms(slackNanos));
            row("Slack events shed (busy notice) / refused (503) / posts lost after retries", counters(server));
            row("end to end, Teams request → response, p50 / p95 / p99", ms(teamsNanos));
        }
    }

    /** 20 clients for 10 seconds: Slack events (a third retried), slash commands, Teams messages, votes. */
    @Test
    void load(@TempDir Path data) throws Exception {
        record Sample(String kind, long nanos) {
        }
        List<Sample> samples = new CopyOnWriteArrayList<>();
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); Server server = Server.start(Settings.fromEnv(
                env(slack, data)))) {
            String base = "http://127.0.0.1:" + server.port();
            LoadTest.Mix mix = new LoadTest.Mix(base, new SlackSigner(SlackHttpTest.SECRET), slack);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        try {
                            long s = System.nanoTime();
                            String kind = mix.send(id, i, question(id * 31 + i));
                            samples.add(new Sample(kind, System.nanoTime() - s));
                        } catch (Exception e) {
                            samples.add(new Sample("error", 0));
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) {
                t.join();
            }
            long non200 = mix.statuses.stream().filter(st -> st != 200).count();
            OUT.printf(Locale.ROOT, "load: %d responses other than 200, %d problems%n", non200, mix.problems.size());
        }
        OUT.println("| request | count | p50 ms | p95 ms | p99 ms |");
        OUT.println("|---|---|---|---|---|");
        for (String kind : List.of("slack event", "slash command", "teams message", "vote", "error")) {
            long[] ns = samples.stream().filter(s -> s.kind().equals(kind)).mapToLong(Sample::nanos).toArray();
            if (ns.length > 0) {
                Bench.Run r = new Bench.Run(ns, 1);
                OUT.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f |%n", kind, ns.length, r.p(0.5), r.p(0.95),
                        r.p(0.99));
            }
        }
        OUT.printf(Locale.ROOT, "%,d requests in 10 s%n", samples.size());
    }

    /** One worker and a queue of one, 60 events from 6 clients at once: how many got the busy notice. */
    @Test
    void overload(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); Server server = Server.start(Settings.fromEnv(
                env(slack, data, "PROTOCOLBOT_WORKERS", "1", "PROTOCOLBOT_QUEUE", "1")))) {
            String url = "http://127.0.0.1:" + server.port() + "/slack/events";
            SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
            AtomicInteger acked = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 10; i++) {
                        try {
                            int status = signer.postSigned(url, "application/json", SlackHttpTest.event("EvO" + id
                                    + "-" + i, SlackHttpTest.mention(question(i), "8" + id + "." + i))).statusCode();
                            (status == 200 ? acked : refused).incrementAndGet();
                        } catch (Exception e) {
                            refused.incrementAndGet();
                        }
                    }
                });
                thread.start();
                senders.add(thread);
            }
            for (Thread t : senders) {
                t.join();
            }
            slack.await("chat.postMessage", acked.get());
            List<LoopbackSlackApi.Call> posts = slack.calls("chat.postMessage");
            long busy = posts.stream().filter(c -> c.params().get("text").contains("even druk")).count();
            row("overload (1 worker, queue 1): 60 events from 6 clients at once", String.format(Locale.ROOT,
                    "%d acknowledged, %d refused (503); %d answered, %d 'even druk'", acked.get(), refused.get(),
                    posts.size() - busy, busy));
            row("overload: Slack events shed / refused / posts lost (the bot's own counts)", counters(server));
        }
    }

    /** /healthz and Teams latency while 50 slow clients hold connections, and how long a half-sent request lives. */
    @Test
    void slowClients(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); Server server = Server.start(Settings.fromEnv(
                env(slack, data, "PROTOCOLBOT_READ_SECONDS", "60")))) {
            String base = "http://127.0.0.1:" + server.port();
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write(("POST /teams/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            int n = 100;
            long[] health = new long[n];
            long[] teams = new long[n];
            for (int i = 0; i < n; i++) {
                for (Socket s : slow) {
                    s.getOutputStream().write(' ');
                }
                long s = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                health[i] = System.nanoTime() - s;
                long t = System.nanoTime();
                teams(base, question(i));
                teams[i] = System.nanoTime() - t;
            }
            for (Socket s : slow) {
                s.close();
            }
            row("/healthz while 50 slow clients hold connections, p50 / p95 / p99", ms(health));
            row("Teams request while 50 slow clients hold connections, p50 / p95 / p99", ms(teams));
        }
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); Server server = Server.start(Settings.fromEnv(
                env(slack, data.resolve("b"))))) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream os = s.getOutputStream();
                os.write("POST /teams/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{".getBytes(
                        StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                InputStream in = s.getInputStream();
                in.readAllBytes();
                row("half-sent request: closed with 408 after (default PROTOCOLBOT_READ_SECONDS)",
                        String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9));
            }
        }
    }

    /** How long SIGTERM takes with answers still queued (a slow Slack), and how many were lost. */
    @Test
    void sigterm(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi()) {
            slack.delay(100);
            AtomicInteger sent = new AtomicInteger();
            try (nl.protocolbot.testing.ServeProcess serve = new nl.protocolbot.testing.ServeProcess(
                    env(slack, data, "PROTOCOLBOT_WORKERS", "1"))) {
                String base = "http://127.0.0.1:" + serve.awaitPort();
                SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
                for (int i = 0; i < 40; i++) {
                    signer.postSigned(base + "/slack/events", "application/json", SlackHttpTest.event("EvT" + i,
                            SlackHttpTest.mention(question(i), "3." + i)));
                    sent.incrementAndGet();
                }
                long start = System.nanoTime();
                serve.sigterm();
                int code = serve.exitCode(60);
                row("SIGTERM with 40 answers queued behind a Slack that takes 100 ms a post: exit, time, posted",
                        String.format(Locale.ROOT, "exit %d after %.1f s, %d of %d posted", code,
                                (System.nanoTime() - start) / 1e9, slack.calls("chat.postMessage").size(), sent.get()));
            }
        }
    }
}
