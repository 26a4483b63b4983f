package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LoopbackSlackApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after real traffic: Slack events over signed HTTP (answered, nothing found, a post retried, a post
 * lost, an overload), a vote, a Teams question and two corpus changes, all on 127.0.0.1. The expected counts follow
 * from the traffic sent, not from the code; {@code /metrics} is served only on its own port.
 */
class MetricsTest {
    static final String Q = "mag ik een klassenfoto op Instagram zetten?";
    static final String ODD = "waar staat de parkeerautomaat bij het zwembad?";
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsCountRealTrafficOnTheirOwnPortOnly(@TempDir Path data, @TempDir Path corpus) throws Exception {
        copyCorpus(corpus);
        try (SlackServer server = new SlackServer(data, "PROTOCOLBOT_QUEUE", "1", "TEAMS_WEBHOOK_SECRET",
                TeamsTest.TOKEN, "PROTOCOLBOT_CORPUS", corpus.toString(), "PROTOCOLBOT_RELOAD_SECONDS", "3600")) {
            slackTraffic(server);
            assertEquals(200, server.form(SlackHttpTest.action("protocol_vote_up", "aurora/3.5",
                    server.slack.responseUrl("vote"))).statusCode());
            assertEquals(200, teams(server.serve.port(), "<at>Protocolbot</at> " + Q).statusCode());
            overload(server);
            corpusChanges(server, corpus);

            // the last answer is counted just after Slack took its post: wait (bounded) until it is in
            String text = scrapeUntil(server.serve.metricsPort(),
                    "protocolbot_answer_seconds_count{platform=slack}", 7.0);
            Map<String, Double> m = parse(text);
            assertEquals(6.0, m.get("protocolbot_questions_total{outcome=answered,platform=slack}"), text);
            assertEquals(1.0, m.get("protocolbot_questions_total{outcome=nothing_found,platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_questions_total{outcome=answered,platform=teams_webhook}"));
            assertEquals(0.0, m.get("protocolbot_questions_total{outcome=answered,platform=teams_bot}"));
            assertEquals(7.0, m.get("protocolbot_answer_seconds_count{platform=slack}"));
            assertEquals(7.0, m.get("protocolbot_answer_seconds_bucket{le=+Inf,platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_answer_seconds_count{platform=teams_webhook}"));
            assertTrue(m.get("protocolbot_answer_seconds_sum{platform=slack}") > 0);
            assertEquals(1.0, m.get("protocolbot_votes_total{platform=slack,vote=up}"));
            assertEquals(0.0, m.get("protocolbot_votes_total{platform=slack,vote=down}"));
            assertEquals(2.0, m.get("protocolbot_events_shed_total{how=busy_notice,platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_events_shed_total{how=refused,platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_post_retries_total{platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_posts_lost_total{platform=slack}"));
            assertEquals(1.0, m.get("protocolbot_corpus_reloads_total{outcome=loaded}"));
            assertEquals(1.0, m.get("protocolbot_corpus_reloads_total{outcome=refused}"));
            for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_uptime_seconds", "process_cpu_usage", "jvm_gc_")) {
                assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith(jvm)), jvm);
            }
            // the names docs/deploy.md gives are the names exported
            String doc = java.nio.file.Files.readString(Path.of("docs/deploy.md"));
            java.util.regex.Matcher named = java.util.regex.Pattern
                    .compile("`((?:protocolbot|jvm|process|system)_[a-z_]+)`").matcher(doc);
            int names = 0;
            while (named.find()) {
                String name = named.group(1);
                names++;
                assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith(name)), "docs/deploy.md names " + name);
            }
            assertTrue(names >= 10, "the metrics table of docs/deploy.md was found");
            // promtool's lint: no gauge named like a count, no unit other than a base unit
            assertFalse(text.contains("system_cpu_count"), "a gauge ending in _count");
            assertFalse(text.contains("_ns_total"), "nanoseconds instead of seconds");
            assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("process_cpu_seconds_total")));
            for (String secret : List.of("klassenfoto", "parkeerautomaat", "Instagram", SlackPayloads.USER,
                    "Juf Anna", SlackHttpTest.TOKEN, TeamsTest.TOKEN)) {
                assertFalse(text.contains(secret), "metrics must not contain " + secret);
            }
            HttpResponse<String> r = get(server.serve.metricsPort(), "/metrics");
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertEquals(404, get(server.serve.port(), "/metrics").statusCode(), "not on the public port");
            assertEquals(404, get(server.serve.metricsPort(), "/healthz").statusCode(), "only /metrics there");
        }
    }

    @Test
    void metricsListenOnLoopbackUnlessToldOtherwise() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN));
        assertEquals(new Settings.Listen("127.0.0.1", 9464), Settings.fromEnv(env).metrics());
        env.put("PROTOCOLBOT_METRICS_BIND", "0.0.0.0");
        env.put("PROTOCOLBOT_METRICS_PORT", "9100");
        assertEquals(new Settings.Listen("0.0.0.0", 9100), Settings.fromEnv(env).metrics());
    }

    /** Answered, nothing found, answered after one retry, lost after a refusal, then a marker that is answered. */
    static void slackTraffic(SlackServer server) throws Exception {
        assertEquals(200, server.event("EvMet1", SlackPayloads.mention(Q, "1700001000.000001")).statusCode());
        server.slack.await("chat.postMessage", 1);
        assertEquals(200, server.event("EvMet2", SlackPayloads.mention(ODD, "1700001000.000002")).statusCode());
        server.slack.await("chat.postMessage", 2);
        server.slack.fail(503, null, 1);
        assertEquals(200, server.event("EvMet3", SlackPayloads.mention(Q, "1700001000.000003")).statusCode());
        server.slack.await("chat.postMessage", 4);
        server.slack.fail(400, null, 1);
        assertEquals(200, server.event("EvMet4", SlackPayloads.mention(Q, "1700001000.000004")).statusCode());
        assertEquals(5, server.postsAfterMarker("metrics").size(), "the lost post was tried once");
    }

    /** One worker, queues of one, Slack slow: 2 answered, 2 busy notices, 1 refused; then a marker. */
    static void overload(SlackServer server) throws Exception {
        server.slack.hold();
        java.util.function.Predicate<nl.protocolbot.testing.LoopbackSlackApi.Call> busy =
                c -> c.params().getOrDefault("thread_ts", "").startsWith("1700001100.");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            statuses.add(server.event("EvBusy" + i, SlackPayloads.mention(Q, "1700001100.00000" + i)).statusCode());
            if (i == 1 || i == 3) {
                // the worker (after the 1st) and the notice sender (after the 3rd) are posting to the held Slack,
                // so the next events meet full queues in a known order
                server.slack.await("chat.postMessage", i == 1 ? 1 : 2, busy);
            }
        }
        assertEquals(List.of(200, 200, 200, 200, 503), statuses);
        server.slack.release();
        // the second answer and the second notice have reached Slack: both queues are empty again
        server.slack.await("chat.postMessage", 4, busy);
        server.postsAfterMarker("busy");
    }

    /** A valid change to a protocol, then a broken one. */
    static void corpusChanges(SlackServer server, Path corpus) throws Exception {
        Path aurora = corpus.resolve("aurora.md");
        Files.writeString(aurora, Files.readString(aurora) + "\nNog een zin in dit artikel.\n");
        assertTrue(server.serve.corpus().reloadIfChanged(), "the valid change is loaded");
        Files.writeString(aurora, "geen front matter\n");
        assertFalse(server.serve.corpus().reloadIfChanged(), "the broken change is refused");
    }

    static void copyCorpus(Path to) throws Exception {
        Path from = Path.of("corpus");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    HttpResponse<String> teams(int port, String text) throws Exception {
        String body = TeamsTest.activity(text);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/teams/messages"))
                .header("Content-Type", "application/json").header("Authorization", TeamsTest.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /metrics} once {@code key} has reached {@code value}, or after ten seconds, whichever comes first. */
    String scrapeUntil(int port, String key, double value) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = get(port, "/metrics").body();
        while (parse(text).getOrDefault(key, 0.0) < value && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = get(port, "/metrics").body();
        }
        // a scrape is not one snapshot; what was recorded before the awaited value is in the next one
        return get(port, "/metrics").body();
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The Prometheus text format, one sample per line: {@code name{k="v",…} value}; keyed here as
     * {@code name{k=v,…}} with the labels sorted, so that the test does not depend on their order.
     */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        Pattern line = Pattern.compile("([a-zA-Z_:][\\w:]*)(?:\\{(.*)\\})? (\\S+)");
        Pattern label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        for (String l : text.split("\n")) {
            Matcher m = line.matcher(l);
            if (l.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher lm = label.matcher(m.group(2) == null ? "" : m.group(2));
            while (lm.find()) {
                labels.put(lm.group(1), lm.group(2));
            }
            String key = m.group(1) + (labels.isEmpty() ? "" : labels.toString().replace(", ", ",").replace("{", "{"));
            samples.put(key, Double.parseDouble(m.group(3)));
        }
        return samples;
    }
}
