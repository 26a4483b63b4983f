package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log as a person or a log collector sees it: {@code serve} runs as a process with its standard error in a
 * file, answers real questions from Slack (HTTP mode, signed) and Teams over real HTTP, and stops on SIGTERM.
 * Then every line is checked for its format, and the whole log for what must never be in it.
 */
class LogFormatTest {
    static final Pattern PLAIN_LINE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) \\[[^\\]]+\\] "
                    + "[A-Za-z_$][\\w$.]* - .*");
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    /** What staff typed, who they are, and the secrets: none of it may reach the log. */
    static final String SLACK_QUESTION = "mag ik een klassenfoto van groep zeven op Instagram zetten?";
    static final String TEAMS_QUESTION = "mag ik een vriendschapsverzoek van een ouder accepteren?";
    static final String ODD_QUESTION = "waar staat de parkeerautomaat bij het zwembad?";
    static final List<String> NEVER = List.of("klassenfoto", "groep zeven", "vriendschapsverzoek", "parkeerautomaat",
            "zwembad", "U0SECRETUSER", "Juf Anna", "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39A", SlackHttpTest.TOKEN,
            "SECRETBOTTOKEN", SlackHttpTest.SECRET, TeamsTest.TOKEN);

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void plainLinesCarryIsoTimeLevelAndLogger(@TempDir Path data) throws Exception {
        List<String> lines = serveAndAsk(data, Map.of());
        for (String line : lines) {
            assertTrue(PLAIN_LINE.matcher(line).matches(), "plain log line: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO  [main] nl.protocolbot.app.Server - serving on port")
                && l.matches(".*: open http://127\\.0\\.0\\.1:\\d+/ ; .*")), "the start-up line, with the address to open: "
                + String.join("\n", lines));
        assertHygienic(lines);
    }

    @Test
    void jsonModeWritesOneObjectPerLine(@TempDir Path data) throws Exception {
        List<String> lines = serveAndAsk(data, Map.of("PROTOCOLBOT_LOG_FORMAT", "json"));
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            Instant.parse(o.get("@timestamp").getAsString()); // ISO-8601, or this throws
            assertTrue(LEVELS.contains(o.get("level").getAsString()), line);
            assertFalse(o.get("loggerName").getAsString().isBlank(), line);
            assertTrue(o.has("formattedMessage") && o.has("threadName"), line);
        }
        assertTrue(lines.stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).anyMatch(o ->
                o.get("loggerName").getAsString().equals("nl.protocolbot.app.Server")
                        && o.get("level").getAsString().equals("INFO")
                        && o.get("formattedMessage").getAsString().startsWith("serving on port")),
                String.join("\n", lines));
        assertHygienic(lines);
    }

    @Test
    void serveRefusesAnUnknownLogFormat() {
        MainTest.Run r = MainTest.withEnv(Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN,
                "PROTOCOLBOT_LOG_FORMAT", "xml"), "", "serve");
        assertEquals(2, r.code());
        assertEquals("protocolbot serve: PROTOCOLBOT_LOG_FORMAT: moet plain of json zijn", r.err().strip());
    }

    /** The log proves the questions went through (timings and article IDs) and holds nothing it must not. */
    static void assertHygienic(List<String> lines) {
        String log = String.join("\n", lines);
        assertTrue(log.contains("app_mention answered in") && log.contains("teams webhook question answered in"), log);
        for (String secret : NEVER) {
            assertFalse(log.contains(secret), "the log must not contain " + secret + ":\n" + log);
        }
    }

    /** Starts serve, asks in Slack and Teams (one question that finds nothing), stops it; its stderr lines. */
    List<String> serveAndAsk(Path data, Map<String, String> env) throws Exception {
        Path err = data.resolve("stderr.log");
        try (LoopbackSlackApi slack = new LoopbackSlackApi()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "nl.protocolbot.cli.Main", "serve");
            pb.environment().remove("PROTOCOLBOT_LOG_FORMAT");
            pb.environment().putAll(Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN,
                    "SLACK_BOT_TOKEN", SlackHttpTest.TOKEN, "SLACK_SIGNING_SECRET", SlackHttpTest.SECRET,
                    "SLACK_API_URL", slack.apiUrl(), "PORT", "0", "PROTOCOLBOT_BIND", "127.0.0.1",
                    "PROTOCOLBOT_DATA", data.resolve("db").toString(), "PROTOCOLBOT_KEEP_UNANSWERED", "true"));
            pb.environment().putAll(env);
            pb.redirectError(err.toFile());
            Process process = pb.start();
            try {
                int port = nl.protocolbot.testing.ServeLog.port(process, err);
                ask(port, slack);
                process.destroy(); // SIGTERM: the log ends with "stopped"
                assertTrue(process.waitFor(20, TimeUnit.SECONDS), "process exited");
            } finally {
                process.destroyForcibly();
            }
        }
        return Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }

    void ask(int port, LoopbackSlackApi slack) throws Exception {
        SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
        String slackUrl = "http://127.0.0.1:" + port + "/slack/events";
        assertEquals(200, signer.postSigned(slackUrl, "application/json", SlackHttpTest.event("EvLog1",
                SlackHttpTest.mention(SLACK_QUESTION, "1700000001.000100"))).statusCode());
        assertEquals(200, signer.postSigned(slackUrl, "application/json", SlackHttpTest.event("EvLog2",
                SlackHttpTest.mention(ODD_QUESTION, "1700000002.000100"))).statusCode());
        assertEquals(2, slack.await("chat.postMessage", 2).size(), "both Slack questions answered");
        String body = TeamsTest.activity("<at>Protocolbot</at> " + TEAMS_QUESTION);
        HttpResponse<String> teams = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/teams/messages"))
                .header("Content-Type", "application/json").header("Authorization", TeamsTest.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, teams.statusCode(), teams.body());
    }
}
