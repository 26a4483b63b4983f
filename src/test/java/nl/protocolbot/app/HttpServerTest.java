package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Jetty server on 127.0.0.1: slow clients, the exact {@code /healthz}, limits and timeouts. */
@Timeout(120)
class HttpServerTest {
    static final String TEAMS_TOKEN = Base64.getEncoder().encodeToString("http-server-test-key-32-bytes!!!".getBytes(
            StandardCharsets.US_ASCII));
    /** Teams gives up on a webhook after five seconds; so does this client. */
    static final Duration TEAMS_TIMEOUT = Duration.ofSeconds(5);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Socket> slow = new ArrayList<>();
    Server server;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : slow) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Server start(Path data, String... extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TEAMS_WEBHOOK_SECRET", TEAMS_TOKEN);
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        server = Server.start(Settings.fromEnv(env));
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(TEAMS_TOKEN), "HmacSHA256"));
        return "HMAC " + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> teams(String text) throws Exception {
        String body = "{\"type\":\"message\",\"text\":\"<at>Protocolbot</at> " + text + "\"}";
        return http.send(HttpRequest.newBuilder(uri("/teams/messages")).timeout(TEAMS_TIMEOUT)
                .header("Authorization", sign(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(TEAMS_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a connection and sends the start of a request, the rest never comes (or comes a byte at a time). */
    Socket slowClient(String start) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
        return s;
    }

    @Test
    void healthzAndTeamsAnswerWhileFiftySlowClientsHoldConnections(@TempDir Path data) throws Exception {
        start(data, "PROTOCOLBOT_READ_SECONDS", "120", "PROTOCOLBOT_IDLE_SECONDS", "120");
        for (int i = 0; i < 25; i++) {
            // half a request head, and a request whose body trickles in
            slowClient("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            slowClient("POST /teams/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: HMAC AAAA\r\nContent-Length: 5000\r\n\r\n{\"type\":");
        }
        for (int round = 0; round < 3; round++) {
            for (Socket s : slow) {
                s.getOutputStream().write('a'); // still sending, so no idle timeout applies
                s.getOutputStream().flush();
            }
            HttpResponse<String> health = send("GET", "/healthz");
            assertEquals(200, health.statusCode(), health.body());
            HttpResponse<String> answer = teams("mag ik een klassenfoto op Instagram zetten?");
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("Bij twijfel: niet publiceren."), answer.body());
        }
        for (Socket s : slow) {
            assertTrue(s.isConnected() && !s.isClosed(), "the slow clients still hold their connections");
        }
    }

    @Test
    void healthzAnswersItsExactPathToGetAndHeadOnly(@TempDir Path data) throws Exception {
        start(data);
        assertEquals(200, send("GET", "/healthz").statusCode());
        assertEquals(200, send("GET", "/healthz?probe=1").statusCode());
        HttpResponse<String> head = send("HEAD", "/healthz");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse<String> r = send(method, "/healthz");
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), method);
        }
        for (String path : List.of("/healthzz", "/healthz/", "/healthz/x", "/healthz.json")) {
            assertEquals(404, send("GET", path).statusCode(), path);
        }
        assertEquals(200, send("GET", "/").statusCode(), "the web page");
    }

    @Test
    void aClientThatTricklesItsRequestHeadIsDisconnected(@TempDir Path data) throws Exception {
        start(data, "PROTOCOLBOT_READ_SECONDS", "1");
        Socket s = slowClient("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        Thread trickle = new Thread(() -> {
            try {
                for (int i = 0; i < 300; i++) {
                    out.write('X'); // a header name that never ends, one byte well within the idle timeout
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the server hung up
            }
        });
        trickle.start();
        boolean closed;
        try {
            closed = s.getInputStream().read() < 0;
        } catch (java.net.SocketException reset) {
            closed = true;
        }
        trickle.interrupt();
        assertTrue(closed, "the server hung up on the trickling client");
        assertEquals(200, send("GET", "/healthz").statusCode());
    }

    @Test
    void aHalfSentBodyGets408AndTheConnectionIsClosed(@TempDir Path data) throws Exception {
        start(data, "PROTOCOLBOT_READ_SECONDS", "1");
        Socket s = slowClient("POST /teams/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n{");
        s.setSoTimeout(30_000);
        String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(response.startsWith("HTTP/1.1 408"), response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), response);
    }

    @Test
    void oversizedHeadersGet431AndMalformedRequestsGet400(@TempDir Path data) throws Exception {
        start(data);
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri("/healthz"))
                .header("X-Big", "a".repeat(16 * 1024 + 1)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(431, big.statusCode());
        Socket s = slowClient("GARBAGE\r\n\r\n");
        s.setSoTimeout(30_000);
        String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(!response.contains("Jetty") && !response.contains("Exception"), response);
    }
}
