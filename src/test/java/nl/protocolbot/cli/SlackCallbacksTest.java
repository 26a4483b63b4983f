package nl.protocolbot.cli;

import nl.protocolbot.testing.LogCapture;
import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks Bolt does not know, bodies that are not Slack's, and a Slack Web API that cannot be reached: the right
 * status, one line in the log saying what happened, and never a request body in the log.
 */
class SlackCallbacksTest {
    /** What the bodies below carry that must never be logged. */
    static final List<String> SECRET_PARTS = List.of("verificationTOKEN123", "1518467820", SlackPayloads.USER,
            "klassenfoto", "minute_rate_limited");
    static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = new LogCapture();
    }

    @AfterAll
    static void noBodyInTheLog() {
        logs.close();
        for (String part : SECRET_PARTS) {
            assertFalse(logs.text().contains(part), "the log holds a piece of a request body: " + part);
        }
    }

    @Test
    void slacksAppRateLimitedCallbackGets200AndOneLine(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            assertEquals(200, server.json(SlackPayloads.appRateLimited()).statusCode());
            assertTrue(logs.text().contains("(app_rate_limited)"), "the log says what Slack reported");
            // the same notice in the event envelope, as the Slack SDK's samples show it
            assertEquals(200, server.event("EvRl1", """
                    {"type":"app_rate_limited","token":"verificationTOKEN123","team_id":"T0001",
                     "minute_rate_limited":1518467820,"api_app_id":"A0001"}""").statusCode());
        }
    }

    @Test
    void aCallbackOfAnUnknownTypeGets200(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            assertEquals(200, server.json("""
                    {"type":"some_future_callback","token":"verificationTOKEN123","team_id":"T0001",
                     "user":{"id":"U0SECRETUSER"},"text":"mag deze klassenfoto online?"}""").statusCode());
            assertEquals(200, server.form("payload=" + java.net.URLEncoder.encode("""
                    {"type":"some_future_interaction","user":{"id":"U0SECRETUSER"},"value":"klassenfoto"}""",
                    java.nio.charset.StandardCharsets.UTF_8)).statusCode());
            assertTrue(logs.text().contains("Slack callback of type some_future_callback acknowledged"));
        }
    }

    @Test
    void bodiesThatAreNotSlacksGet400(@TempDir Path data) throws Exception {
        try (SlackServer server = new SlackServer(data)) {
            assertEquals(400, server.form("tekst=klassenfoto&wie=U0SECRETUSER").statusCode());
            assertEquals(400, server.form("payload=%7B%22klassenfoto%ZZ").statusCode());
            assertEquals(400, server.json("{\"text\":\"klassenfoto\",\"user\":\"U0SECRETUSER\"}").statusCode());
            assertEquals(400, server.json("{\"type\":\"event_callback\",\"event\":\"klassenfoto\"}").statusCode());
        }
    }

    @Test
    void anUnreachableWebApiIsLoggedAsSuchAndSlackMayRetry(@TempDir Path data) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (SlackServer server = new SlackServer(data, "SLACK_API_URL", "http://127.0.0.1:" + closed + "/api/")) {
            var r = server.event("EvDown1", SlackPayloads.mention("mag ik een klassenfoto op Instagram zetten?",
                    "1700001200.000100"));
            assertEquals(503, r.statusCode(), "our side failed: Slack should try again");
            assertTrue(logs.text().contains("the Slack Web API could not be reached (ConnectException)"),
                    "the log says what happened");
        }
    }
}
