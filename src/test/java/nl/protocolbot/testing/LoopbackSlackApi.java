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
        server.stop(0);
        executor.shutdownNow();
    }
}
