package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files are real files that people copy: {@code deploy/compose.yaml} must be valid YAML with the
 * shape docs/deploy.md describes, and the Dockerfile must keep the properties the issue asked for.
 */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> compose() throws Exception {
        return map(new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml"))));
    }

    @Test
    void composeRunsTwoReplicasOnPostgresBehindCaddy() throws Exception {
        Map<String, Object> services = map(compose().get("services"));
        assertEquals(Set.of("db", "bot", "caddy"), services.keySet());
        Map<String, Object> bot = map(services.get("bot"));
        assertEquals(2, map(bot.get("deploy")).get("replicas"));
        assertFalse(bot.containsKey("ports"), "only Caddy reaches the replicas; the metrics port is never published");
        Map<String, Object> env = map(bot.get("environment"));
        assertTrue(env.get("PROTOCOLBOT_DATABASE_URL").toString().startsWith("jdbc:postgresql://db:5432/"));
        assertEquals("..", bot.get("build"));
        assertTrue(Files.exists(DEPLOY.resolve("..").resolve("Dockerfile")));
        assertTrue(map(map(bot.get("depends_on")).get("db")).get("condition").equals("service_healthy"));
        Map<String, Object> caddy = map(services.get("caddy"));
        assertTrue(((List<?>) caddy.get("ports")).containsAll(List.of("80:80", "443:443")));
        assertTrue(((List<?>) caddy.get("volumes")).contains("./Caddyfile:/etc/caddy/Caddyfile:ro"));
        String caddyfile = Files.readString(DEPLOY.resolve("Caddyfile"));
        assertTrue(caddyfile.contains("{$PROTOCOLBOT_HOST}") && caddyfile.contains("name bot")
                && caddyfile.contains("port 3000"), caddyfile);
    }

    @Test
    void everyVariableTheComposeFileTakesIsInTheExampleEnvFile() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)[:}]").matcher(Files.readString(DEPLOY.resolve("compose.yaml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("env.example"))) {
            Matcher v = Pattern.compile("^#? ?([A-Z_]+)=").matcher(line);
            if (v.find()) {
                listed.add(v.group(1));
            }
        }
        assertTrue(used.size() >= 10, used.toString());
        assertEquals(used, listed);
    }

    /** The HEALTHCHECK command exactly as the Dockerfile gives it (exec form, a JSON array). */
    static List<String> healthCheck() throws Exception {
        Matcher health = Pattern.compile("(?ms)^HEALTHCHECK .*?CMD (\\[.*?\\])$")
                .matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(health.find(), "a HEALTHCHECK");
        return JsonParser.parseString(health.group(1)).getAsJsonArray().asList().stream()
                .map(e -> e.getAsString()).toList();
    }

    static int run(List<String> command, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PORT", Integer.toString(port));
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "health check finished");
        return p.exitValue();
    }

    @Test
    void theDockerHealthCheckPassesOnAServingBotAndFailsWhenItIsGone(@TempDir Path data) throws Exception {
        List<String> command = healthCheck();
        assertEquals("bash", command.get(0), command.toString());
        Map<String, String> env = new HashMap<>(Map.of("TEAMS_WEBHOOK_SECRET", HttpServerTest.TEAMS_TOKEN,
                "PORT", "0", "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATA", data.toString()));
        int port;
        try (Server server = Server.start(Settings.fromEnv(env))) {
            port = server.port();
            assertEquals(0, run(command, port), "healthy while serving");
        }
        assertTrue(run(command, port) != 0, "unhealthy once stopped");
    }

    @Test
    void dockerImageRunsAsANumericUserWithoutASecondJvmForHealth() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(Pattern.compile("(?m)^USER \\d+:\\d+$").matcher(dockerfile).find(), "numeric USER");
        assertTrue(Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", \"-XX:\\+ExitOnOutOfMemoryError\"")
                .matcher(dockerfile).find(), "ExitOnOutOfMemoryError");
        List<String> health = healthCheck();
        assertFalse(health.stream().anyMatch(a -> a.contains("java")), health.toString());
        assertTrue(health.stream().anyMatch(a -> a.contains("/healthz")), health.toString());
        assertTrue(dockerfile.contains("dependency:go-offline") && dockerfile.contains("mvn -B -q -o "),
                "dependencies in their own layer, then an offline package");
        // teaching writes into the corpus folder: it must belong to the bot's user, and live in a volume
        assertTrue(dockerfile.contains("COPY --chown=10001:10001 corpus /app/corpus"), "a writable corpus folder");
        assertTrue(Pattern.compile("(?m)^USER 10001:10001$").matcher(dockerfile).find(), "the same user runs the bot");
        assertTrue(Pattern.compile("(?m)^VOLUME \\[.*\"/app/corpus\".*]$").matcher(dockerfile).find(),
                "the corpus folder is a volume");
        String compose = Files.readString(DEPLOY.resolve("compose.yaml"));
        assertTrue(compose.contains("- corpus:/app/corpus"), "both replicas mount one corpus volume");
    }
}
