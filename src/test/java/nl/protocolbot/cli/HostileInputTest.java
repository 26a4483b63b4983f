package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oversized, slow, malformed and random input: never a 5xx, never an exception in the log, never a crash. */
class HostileInputTest {
    static final String SECRET = SlackHttpTest.SECRET;
    @TempDir
    static Path data;
    static LoopbackSlackApi slack;
    static Server serve;
    static LogCapture logs;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SlackSigner SIGNER = new SlackSigner(SECRET);

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture();
        slack = new LoopbackSlackApi();
        serve = Server.start(Settings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-hostile", "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", slack.apiUrl(), "TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN, "PORT", "0",
                "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATA", data.toString(), "PROTOCOLBOT_READ_SECONDS", "2")));
    }

    @AfterAll
    static void stop() {
        serve.close();
        slack.close();
        logs.close();
        String log = logs.text();
        assertFalse(log.contains("Exception"), "no exception in the log:\n" + log);
        assertFalse(log.contains("\tat "), "no stack trace in the log");
        assertFalse(log.contains("xoxb-hostile") || log.contains(SECRET), "no secrets in the log");
    }

    static String url(String path) {
        return "http://127.0.0.1:" + serve.port() + path;
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        // over a raw socket, the head alone: the server must refuse on the declared length, before any body (an
        // HTTP client still sending a refused body may lose the early 413 to the closing connection)
        assertTrue(rawPost("/slack/events", "Content-Length: " + (2 * 1024 * 1024), new byte[0])
                .startsWith("HTTP/1.1 413"));
        assertTrue(rawPost("/teams/messages", "Content-Length: " + (2 * 1024 * 1024), new byte[0])
                .startsWith("HTTP/1.1 413"));
        // chunked, without a Content-Length: cut off once past the limit (1 MB)
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 17; i++) {
            chunks.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(chunk);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(rawPost("/teams/messages", "Transfer-Encoding: chunked", chunks.toByteArray())
                .startsWith("HTTP/1.1 413"));
    }

    /** Sends a request head and as much of the body as the server takes, then reads whatever it answers. */
    static String rawPost(String path, String lengthHeader, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", serve.port())) {
            socket.setSoTimeout(60_000); // a guard against a hang, not a speed requirement
            OutputStream os = socket.getOutputStream();
            os.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + lengthHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                os.write(body);
                os.flush();
            } catch (java.io.IOException e) {
                // the server refused the rest of the body and closed its side: its answer is still to be read
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aHalfSentRequestTimesOut() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", serve.port())) {
            socket.setSoTimeout(60_000); // a guard: the server, not this timeout, must end the request
            OutputStream os = socket.getOutputStream();
            os.write(("POST /teams/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"type\":").getBytes(
                    StandardCharsets.US_ASCII));
            os.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 408"), response);
        }
        // and the server still answers others
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(url("/healthz"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void malformedBodiesGet400() throws Exception {
        for (String body : List.of("{", "not json", "[1,2", "{\"type\":\"event_callback\",\"event\":5}")) {
            HttpResponse<String> r = SIGNER.postSigned(url("/slack/events"), "application/json", body);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, body + " -> " + r.statusCode());
        }
        HttpResponse<String> form = SIGNER.postSigned(url("/slack/events"), "application/x-www-form-urlencoded",
                "payload=%7Bbroken&&&=");
        assertTrue(form.statusCode() >= 400 && form.statusCode() < 500, "form -> " + form.statusCode());
        String teams = "{not json";
        assertEquals(400, post("/teams/messages", "application/json", teams.getBytes(StandardCharsets.UTF_8),
                "Authorization", TeamsTest.sign(teams)).statusCode());
    }

    @Test
    void futureTimestampsAndReplaysAreRefused() throws Exception {
        String body = SlackHttpTest.event("EvReplay", SlackHttpTest.mention("mag ik vloeken", "5.5"));
        long future = System.currentTimeMillis() / 1000 + 10 * 60;
        assertEquals(401, SIGNER.post(url("/slack/events"), "application/json", body, future,
                SIGNER.sign(future, body)).statusCode());
        long now = System.currentTimeMillis() / 1000;
        String signature = SIGNER.sign(now, body);
        assertEquals(200, SIGNER.post(url("/slack/events"), "application/json", body, now, signature).statusCode());
        assertEquals(200, SIGNER.post(url("/slack/events"), "application/json", body, now, signature).statusCode());
        slack.await("chat.postMessage", 1, c -> "5.5".equals(c.params().get("thread_ts")));
        Thread.sleep(300);
        assertEquals(1, slack.calls("chat.postMessage").stream()
                .filter(c -> "5.5".equals(c.params().get("thread_ts"))).count());
    }

    /** Random text of every kind: Unicode, markup, Lucene syntax, huge, empty. */
    static String randomText(Random r) {
        String[] pieces = {"foto", "mag ik", "<@U123>", "<at>Bot</at>", "&nbsp;", "&#x1F600;", "*", "\"", "(", ")",
            "AND", "OR", "NOT", "~2", "^3", ":", "\\", "/", "[", "]", "{", "}", "instagarm", "klassenfoto", "🙂",
            "\u0000", "\u200b", "\uD800", "ß", "İ", "ﬁ", "\n", "\t", "<script>", "%00", "' OR 1=1 --"};
        StringBuilder sb = new StringBuilder();
        int kind = r.nextInt(5);
        int len = kind == 0 ? 0 : kind == 1 ? r.nextInt(5) : kind == 4 ? 5_000 + r.nextInt(50_000) : r.nextInt(60);
        for (int i = 0; i < len; i++) {
            if (r.nextBoolean()) {
                sb.append(pieces[r.nextInt(pieces.length)]).append(' ');
            } else {
                sb.appendCodePoint(r.nextInt(3) == 0 ? r.nextInt(0x10FFFF) : 32 + r.nextInt(0x250));
            }
        }
        return sb.toString();
    }

    @Test
    void thousandsOfRandomQuestionsNeverBreakTheAnswerPipeline() throws Exception {
        Answerer answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        Random r = new Random(6);
        for (int i = 0; i < 3000; i++) {
            String q = randomText(r);
            assertDoesNotThrow(() -> answerer.ask(q, 1 + r.nextInt(5), Optional.empty()), () -> "input " + q);
        }
    }

    @Test
    void randomRequestsToEveryEndpointNeverGive5xx() throws Exception {
        Random r = new Random(42);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String text = randomText(r);
            if (text.length() > 20_000) {
                text = text.substring(0, 20_000);
            }
            String q = text.replace("\\", "").replace("\"", "");
            String body;
            String type;
            String path;
            switch (i % 6) {
                case 0 -> {
                    path = "/slack/events";
                    type = "application/json";
                    body = SlackHttpTest.event("EvR" + i, SlackHttpTest.mention(q, "7." + i));
                }
                case 1 -> {
                    path = "/slack/events";
                    type = "application/x-www-form-urlencoded";
                    body = SlackHttpTest.command(text, slack.responseUrl("fuzz"));
                }
                case 2 -> {
                    path = "/slack/events";
                    type = "application/x-www-form-urlencoded";
                    body = SlackHttpTest.action(r.nextBoolean() ? "protocol_share" : "protocol_vote_up", text,
                            slack.responseUrl("fuzz"));
                }
                case 3 -> {
                    path = "/slack/events";
                    type = r.nextBoolean() ? "application/json" : "text/plain";
                    body = text;
                }
                case 4 -> {
                    path = "/teams/messages";
                    type = "application/json";
                    body = TeamsTest.activity(text);
                }
                default -> {
                    path = "/teams/messages";
                    type = "application/json";
                    body = text;
                }
            }
            HttpResponse<String> resp;
            if (path.startsWith("/teams")) {
                String auth = r.nextInt(4) == 0 ? "HMAC garbage" : TeamsTest.sign(body);
                resp = post(path, type, body.getBytes(StandardCharsets.UTF_8), "Authorization", auth);
            } else if (r.nextInt(4) == 0) {
                resp = post(path, type, body.getBytes(StandardCharsets.UTF_8));
            } else {
                resp = SIGNER.postSigned(url(path), type, body);
            }
            if (resp.statusCode() >= 500) {
                failures.add(path + " " + resp.statusCode() + " for " + URLEncoder.encode(
                        body.substring(0, Math.min(80, body.length())), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of(), failures);
    }
}
