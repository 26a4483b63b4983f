package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack Socket Mode end to end: Bolt's Socket Mode client against a local WebSocket server. */
class SlackSocketModeTest {
    /** Plays Slack's side of a Socket Mode connection: hello, then whatever envelopes the test sends. */
    static final class FakeSocket extends WebSocketServer {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch connected = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        volatile WebSocket client;

        FakeSocket() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            client = conn;
            connections.incrementAndGet();
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"test\"},"
                    + "\"connection_info\":{\"app_id\":\"A1\"}}");
            connected.countDown();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }

        boolean awaitAck(String envelopeId) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (received.stream().anyMatch(m -> m.contains("\"" + envelopeId + "\""))) {
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        }
    }

    static String envelope(String envelopeId, int retry, String eventId) {
        String payload = SlackHttpTest.event(eventId,
                SlackHttpTest.mention(SlackHttpTest.QUESTION, "1700000100.000200"));
        return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"events_api\",\"accepts_response_payload\":false,"
                + "\"retry_attempt\":" + retry + ",\"retry_reason\":\"" + (retry > 0 ? "timeout" : "") + "\","
                + "\"payload\":" + payload + "}";
    }

    @Test
    void eventsAreAcknowledgedAndAnsweredOnceDespiteARetry(@TempDir Path data) throws Exception {
        try (LoopbackSlackApi slack = new LoopbackSlackApi(); LogCapture logs = new LogCapture()) {
            FakeSocket socket = new FakeSocket();
            socket.start();
            try {
                for (int i = 0; i < 100 && socket.getPort() == 0; i++) {
                    Thread.sleep(20);
                }
                slack.socketUrl("ws://127.0.0.1:" + socket.getPort() + "/link");
                Settings settings = Settings.fromEnv(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-socket-SECRETBOT",
                        "SLACK_APP_TOKEN", "xapp-1-SECRETAPPTOKEN",
                        "SLACK_API_URL", slack.apiUrl(),
                        "PORT", "0",
                        "PROTOCOLBOT_BIND", "127.0.0.1",
                        "PROTOCOLBOT_DATA", data.toString()));
                try (Server serve = Server.start(settings)) {
                    assertTrue(socket.connected.await(15, TimeUnit.SECONDS), "Socket Mode client connected");
                    assertEquals("Bearer xapp-1-SECRETAPPTOKEN",
                            slack.calls("apps.connections.open").get(0).authorization());
                    socket.client.send(envelope("env-1", 0, "EvS1"));
                    assertTrue(socket.awaitAck("env-1"), "envelope acknowledged: " + socket.received);
                    List<LoopbackSlackApi.Call> posts = slack.await("chat.postMessage", 1);
                    assertEquals(1, posts.size());
                    assertEquals("C123", posts.get(0).params().get("channel"));
                    assertEquals("1700000100.000200", posts.get(0).params().get("thread_ts"));

                    socket.client.send(envelope("env-2", 1, "EvS1"));
                    assertTrue(socket.awaitAck("env-2"), "retried envelope acknowledged too");
                    Thread.sleep(300);
                    assertEquals(1, slack.calls("chat.postMessage").size(), "a retry is not answered again");

                    // Slack drops the connection (as it does for maintenance): the client reconnects by itself
                    socket.client.close();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (socket.connections.get() < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertEquals(2, socket.connections.get(), "reconnected");
                    socket.client.send(envelope("env-3", 0, "EvS2").replace("1700000100.000200", "1700000200.000300"));
                    assertTrue(socket.awaitAck("env-3"), "envelope after reconnect acknowledged");
                    assertEquals(1, slack.await("chat.postMessage", 1, c -> "1700000200.000300".equals(
                            c.params().get("thread_ts"))).size());
                }
            } finally {
                socket.stop(1000);
            }
            String log = logs.text();
            assertTrue(!log.contains("SECRETAPPTOKEN") && !log.contains("SECRETBOT") && !log.contains("klassenfoto"),
                    "no secrets or question text in the log");
        }
    }
}
