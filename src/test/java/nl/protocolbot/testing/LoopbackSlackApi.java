package nl.protocolbot.testing;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A local stand-in for the Slack Web API on 127.0.0.1: answers the methods the bot calls and records them, with
 * the time each call arrived. A test fixture (tests and the end-to-end benchmark); never in the production jar.
 */
public final class LoopbackSlackApi implements AutoCloseable {
    /** One recorded call: the method (or response-URL path), its parameters, raw body and arrival time. */
    public record Call(String method, Map<String, String> params, String body, String authorization, long nanos) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String socketUrl = "ws://127.0.0.1:1/";
    private volatile long delayMillis;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "loopback-slack");
                t.setDaemon(true);
                return t;
            });
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private volatile java.util.concurrent.CountDownLatch heldResponses = new java.util.concurrent.CountDownLatch(0);

    public LoopbackSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                Map<String, String> params = type != null && type.contains("json") ? Map.of() : form(body);
                String method = path.startsWith("/api/") ? path.substring(5) : path;
                calls.add(new Call(method, params, body, exchange.getRequestHeaders().getFirst("Authorization"),
                        System.nanoTime()));
                pause();
                Failure failure = null;
                if ("chat.postMessage".equals(method)) {
                    awaitRelease(held);
                    failure = failures.poll();
                } else if (method.startsWith("/response/")) {
                    awaitRelease(heldResponses);
                }
                if (failure != null) {
                    fail(exchange, failure);
                    return;
                }
                JsonObject o = new JsonObject();
                o.addProperty("ok", true);
                switch (method) {
                    case "auth.test" -> {
                        o.addProperty("user_id", "UBOT");
                        o.addProperty("bot_id", "BBOT");
                        o.addProperty("team_id", "T1");
                        o.addProperty("user", "protocolbot");
                        o.addProperty("team", "School");
                        o.addProperty("url", "https://school.slack.com/");
                    }
                    case "apps.connections.open" -> o.addProperty("url", socketUrl);
                    case "bots.info" -> o.add("bot", bot(params.get("bot")));
                    case "chat.postMessage" -> {
                        o.addProperty("channel", params.get("channel"));
                        o.addProperty("ts", "1700000000." + calls.size());
                    }
                    default -> {
                    }
                }
                byte[] bytes = o.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            }
        });
        server.start();
    }

    /** As Slack describes an app's bot user: this bot is {@code BBOT}/{@code UBOT}; any other is a stranger. */
    private static JsonObject bot(String botId) {
        JsonObject b = new JsonObject();
        String id = botId == null ? "B0" : botId;
        b.addProperty("id", id);
        b.addProperty("deleted", false);
        b.addProperty("name", "BBOT".equals(id) ? "protocolbot" : "andere bot");
        b.addProperty("updated", 1_700_000_000);
        b.addProperty("app_id", "BBOT".equals(id) ? "A1" : "A0" + id);
        b.addProperty("user_id", "BBOT".equals(id) ? "UBOT" : "U0" + id);
        return b;
    }

    /** A scripted failure: the HTTP status, and the Retry-After header (null for none). */
    private record Failure(int status, String retryAfter) {
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Failure> failures =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * The next {@code times} chat.postMessage calls fail as Slack's do: 429 {@code {"ok":false,"error":"ratelimited"}} with
     * {@code Retry-After}, or a 5xx with an HTML error page.
     */
    public void fail(int status, String retryAfter, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, retryAfter));
        }
    }

    private static void fail(com.sun.net.httpserver.HttpExchange exchange, Failure f) throws IOException {
        String body = f.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}"
                : "<html><body>Slack is having trouble</body></html>";
        exchange.getResponseHeaders().set("Content-Type", f.status() == 429 ? "application/json" : "text/html");
        if (f.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", f.retryAfter());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(f.status(), bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** From now on chat.postMessage calls are received but not answered until {@link #release()}: a slow Slack. */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    /** From now on posts to response URLs are received but not answered until {@link #release()}. */
    public void holdResponseUrls() {
        heldResponses = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        held.countDown();
        heldResponses.countDown();
    }

    private static void awaitRelease(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From now on every call is answered only after {@code millis} (recorded on arrival): a slow Slack. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response_url the bot may post to. */
    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
    }

    public void socketUrl(String url) {
        socketUrl = url;
    }

    public List<Call> calls(String method) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.method().equals(method)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Waits until at least {@code n} calls match (at most 30 s, a guard against hanging), and returns them. */
    public List<Call> await(String method, int n) throws InterruptedException {
        return await(method, n, c -> true);
    }

    public List<Call> await(String method, int n, Predicate<Call> filter) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Call> found = calls(method).stream().filter(filter).toList();
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(20);
        }
        return calls(method).stream().filter(filter).toList();
    }

    public static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        if (body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
