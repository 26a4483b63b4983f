package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up: a port in use is a Dutch message naming the setting; a Slack that cannot be reached degrades, not stops. */
class StartUpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static Map<String, String> env(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_METRICS_PORT", "0");
        env.put("PROTOCOLBOT_DATA", data.toString());
        return env;
    }

    @Test
    void aPortInUseNamesTheSettingToChange(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = env(data);
            env.put("PORT", Integer.toString(taken.getLocalPort()));
            Server.CannotStart e = assertThrows(Server.CannotStart.class, () -> Server.start(Settings.fromEnv(env)));
            assertEquals("poort " + taken.getLocalPort() + " op 127.0.0.1 is al in gebruik (of niet toegestaan); kies "
                    + "een andere met PORT=… of stop het programma dat hem gebruikt", e.getMessage());
            env.put("PORT", "0");
            env.put("PROTOCOLBOT_METRICS_PORT", Integer.toString(taken.getLocalPort()));
            Server.CannotStart metrics = assertThrows(Server.CannotStart.class,
                    () -> Server.start(Settings.fromEnv(env)));
            assertTrue(metrics.getMessage().contains("PROTOCOLBOT_METRICS_PORT=…"), metrics.getMessage());
        }
    }

    @Test
    void aSlackThatCannotBeReachedLeavesTheWebPageServingAndHealthSaysWhichPartIsDegraded(@TempDir Path data)
            throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort(); // nothing listens there once this is closed
        }
        Map<String, String> env = env(data);
        env.put("SLACK_BOT_TOKEN", "xoxb-test");
        env.put("SLACK_APP_TOKEN", "xapp-test");
        env.put("SLACK_API_URL", "http://127.0.0.1:" + closed + "/api/");
        try (Server server = Server.start(Settings.fromEnv(env))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the web page serves");
            JsonObject health = health(base);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!health.getAsJsonObject("parts").get("slack").getAsString().equals("niet bereikbaar")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
                health = health(base);
            }
            assertEquals("degraded", health.get("status").getAsString(), health.toString());
            assertEquals("niet bereikbaar", health.getAsJsonObject("parts").get("slack").getAsString());
        }
    }

    @Test
    void withoutSlackTheStatusIsOkAndNamesNoParts(@TempDir Path data) throws Exception {
        try (Server server = Server.start(Settings.fromEnv(env(data)))) {
            JsonObject health = health(URI.create("http://127.0.0.1:" + server.port()));
            assertEquals("ok", health.get("status").getAsString());
            assertFalse(health.has("parts"), health.toString());
        }
    }

    private JsonObject health(URI base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }
}
