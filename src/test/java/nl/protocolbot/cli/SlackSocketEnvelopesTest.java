package nl.protocolbot.cli;

import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Socket Mode envelopes that are broken, or that the bot cannot take now. */
class SlackSocketEnvelopesTest {
    static final String Q = "mag ik een klassenfoto op Instagram zetten?";

    /** Bolt's Socket Mode client against a local WebSocket server playing Slack, and the fake Web API. */
    static final class Connection implements AutoCloseable {
        final LoopbackSlackApi slack = new LoopbackSlackApi();
        final SlackSocketModeTest.FakeSocket socket = new SlackSocketModeTest.FakeSocket();
        final Server server;

        Connection(Path data, String... env) throws Exception {
            socket.start();
            for (int i = 0; i < 100 && socket.getPort() == 0; i++) {
                Thread.sleep(20);
            }
            slack.socketUrl("ws://127.0.0.1:" + socket.getPort() + "/link");
            Map<String, String> settings = new java.util.HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-socket-SECRETBOT",
                    "SLACK_APP_TOKEN", "xapp-1-SECRETAPPTOKEN", "SLACK_API_URL", slack.apiUrl(), "PORT", "0",
                    "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATA", data.toString(), "PROTOCOLBOT_WORKERS", "1"));
            for (int i = 0; i + 1 < env.length; i += 2) {
                settings.put(env[i], env[i + 1]);
            }
            server = Server.start(Settings.fromEnv(settings));
            assertTrue(socket.connected.await(15, TimeUnit.SECONDS), "Socket Mode client connected");
        }

        void send(String envelope) {
            socket.client.send(envelope);
        }

        static String mention(String envelopeId, int retry, String eventId, String ts) {
            return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"events_api\",\"accepts_response_payload\":false,"
                    + "\"retry_attempt\":" + retry + ",\"retry_reason\":\"" + (retry > 0 ? "timeout" : "") + "\","
                    + "\"payload\":" + SlackPayloads.callback(eventId, SlackPayloads.mention(Q, ts)) + "}";
        }

        @Override
        public void close() throws Exception {
            try {
                server.close();
            } finally {
                socket.stop(1000);
                slack.close();
            }
        }
    }

    @Test
    void brokenEnvelopesGetOneLineInTheLogWithoutPayloadOrStackTrace(@TempDir Path data) throws Exception {
        try (LogCapture logs = new LogCapture(); Connection c = new Connection(data)) {
            c.send("{\"type\":\"events_api\",\"envelope_id\":\"env-broken-1\",\"payload\":{\"klassenfoto\"");
            c.send("{\"type\":\"events_api\",\"envelope_id\":\"env-broken-2\",\"payload\":\"klassenfoto U0SECRETUSER\"}");
            c.send("{\"type\":\"events_api\",\"envelope_id\":\"env-broken-3\",\"payload\":{\"type\":\"event_callback\","
                    + "\"event_id\":\"EvBroken3\",\"event\":\"klassenfoto U0SECRETUSER\"}}");
            c.send("{\"type\":\"events_api\",\"envelope_id\":\"env-other\",\"payload\":{\"type\":\"app_rate_limited\","
                    + "\"token\":\"verificationTOKEN123\",\"team_id\":\"T0001\",\"minute_rate_limited\":1518467820}}");
            assertTrue(c.socket.awaitAck("env-other"), "a payload type Bolt does not know is acknowledged");
            // the bot still answers what is well-formed
            c.send(Connection.mention("env-ok", 0, "EvSockOk", "1700001300.000100"));
            assertTrue(c.socket.awaitAck("env-ok"));
            assertEquals(1, c.slack.await("chat.postMessage", 1).size());
            String log = logs.text();
            assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
            for (String part : new String[] {"klassenfoto", "U0SECRETUSER", "verificationTOKEN123", "1518467820"}) {
                assertFalse(log.contains(part), "no payload in the log: " + part);
            }
            assertTrue(log.contains("Socket Mode message ignored: not JSON"), log);
            assertTrue(log.contains("Socket Mode message ignored: malformed events_api envelope"), log);
            assertTrue(log.contains("Socket Mode events_api envelope ignored: malformed payload"), log);
        }
    }

    @Test
    void anEnvelopeThatCannotBeTakenIsLeftUnacknowledgedForSlackToDeliverAgain(@TempDir Path data)
            throws Exception {
        try (Connection c = new Connection(data, "PROTOCOLBOT_QUEUE", "1")) {
            c.slack.hold(); // posts hang: the answer and notice threads stay busy
            for (int i = 1; i <= 4; i++) {
                c.send(Connection.mention("env-load-" + i, 0, "EvSockLoad" + i, "1700001400.00000" + i));
                assertTrue(c.socket.awaitAck("env-load-" + i), "taken: " + i);
            }
            c.send(Connection.mention("env-load-5", 0, "EvSockLoad5", "1700001400.000005"));
            // the fifth cannot be queued, not even as a notice: refused, and not acknowledged
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (c.server.slackCounters().refused() < 1 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(1, c.server.slackCounters().refused());
            c.send("{\"envelope_id\":\"env-after\",\"type\":\"events_api\",\"payload\":"
                    + SlackPayloads.callback("EvAfter", SlackPayloads.botMessage("x", "1700001400.000009")) + "}");
            assertTrue(c.socket.awaitAck("env-after"));
            assertFalse(c.socket.received.stream().anyMatch(m -> m.contains("\"env-load-5\"")), "not acknowledged");
            c.slack.release();
            assertEquals(4, c.slack.await("chat.postMessage", 4).size());
            // Slack delivers it again: now it is taken and answered
            c.send(Connection.mention("env-load-5b", 1, "EvSockLoad5", "1700001400.000005"));
            assertTrue(c.socket.awaitAck("env-load-5b"));
            assertEquals(1, c.slack.await("chat.postMessage", 1,
                    m -> "1700001400.000005".equals(m.params().get("thread_ts"))).size());
        }
    }
}
