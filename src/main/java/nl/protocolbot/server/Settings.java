package nl.protocolbot.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's configuration, read from environment variables only. Secrets never appear in messages or in
 * {@link #toString()}.
 */
public record Settings(Optional<String> slackBotToken, Optional<String> slackAppToken,
                       Optional<String> slackSigningSecret, String slackApiUrl, String bind, int port,
                       Optional<String> protocol, Path dataDir, boolean keepUnanswered, Optional<Path> corpusDir,
                       Optional<String> teamsSecret, int workers, int queue, int reloadSeconds, int stopSeconds,
                       int readSeconds, int idleSeconds) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";

    /** A setting that is missing or malformed; the message names the variable, never its value. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        public Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public boolean slackSocketMode() {
        return slackBotToken.isPresent() && slackAppToken.isPresent();
    }

    public boolean slackHttpMode() {
        return slackBotToken.isPresent() && slackAppToken.isEmpty() && slackSigningSecret.isPresent();
    }

    public boolean teams() {
        return teamsSecret.isPresent();
    }

    public static Settings fromEnv(Map<String, String> env) throws Invalid {
        List<String> problems = new ArrayList<>();
        Optional<String> bot = value(env, "SLACK_BOT_TOKEN");
        Optional<String> appToken = value(env, "SLACK_APP_TOKEN");
        Optional<String> signing = value(env, "SLACK_SIGNING_SECRET");
        Optional<String> teams = value(env, "TEAMS_WEBHOOK_SECRET");
        bot.filter(t -> !t.startsWith("xoxb-")).ifPresent(t ->
                problems.add("SLACK_BOT_TOKEN: moet met xoxb- beginnen (het Bot User OAuth Token)"));
        appToken.filter(t -> !t.startsWith("xapp-")).ifPresent(t ->
                problems.add("SLACK_APP_TOKEN: moet met xapp- beginnen (een app-level token met connections:write)"));
        signing.filter(t -> !t.matches("[0-9a-fA-F]{16,128}")).ifPresent(t ->
                problems.add("SLACK_SIGNING_SECRET: is geen Slack signing secret (hexadecimaal, uit Basic Information)"));
        teams.filter(t -> !isBase64(t)).ifPresent(t ->
                problems.add("TEAMS_WEBHOOK_SECRET: is geen base64-beveiligingstoken zoals Teams dat toont"));
        if (bot.isEmpty() && (appToken.isPresent() || signing.isPresent())) {
            problems.add("SLACK_BOT_TOKEN: ontbreekt (nodig naast SLACK_APP_TOKEN of SLACK_SIGNING_SECRET)");
        }
        if (bot.isPresent() && appToken.isEmpty() && signing.isEmpty()) {
            problems.add("SLACK_APP_TOKEN: ontbreekt (Socket Mode), of zet SLACK_SIGNING_SECRET (HTTP-modus)");
        }
        if (bot.isEmpty() && appToken.isEmpty() && signing.isEmpty() && teams.isEmpty()) {
            problems.add("niets ingesteld: zet SLACK_BOT_TOKEN met SLACK_APP_TOKEN (Slack Socket Mode), "
                    + "SLACK_BOT_TOKEN met SLACK_SIGNING_SECRET (Slack HTTP), en/of TEAMS_WEBHOOK_SECRET (Teams)");
        }
        String apiUrl = value(env, "SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL);
        if (!isHttpUrl(apiUrl)) {
            problems.add("SLACK_API_URL: is geen http(s)-URL");
        }
        int port = integer(env, "PORT", 3000, 0, 65_535, problems);
        int workers = integer(env, "PROTOCOLBOT_WORKERS", 4, 1, 256, problems);
        int queue = integer(env, "PROTOCOLBOT_QUEUE", 200, 1, 100_000, problems);
        int reload = integer(env, "PROTOCOLBOT_RELOAD_SECONDS", 2, 1, 3600, problems);
        int stop = integer(env, "PROTOCOLBOT_STOP_SECONDS", 8, 1, 600, problems);
        int read = integer(env, "PROTOCOLBOT_READ_SECONDS", 10, 1, 600, problems);
        int idle = integer(env, "PROTOCOLBOT_IDLE_SECONDS", 30, 1, 3600, problems);
        String bind = value(env, "PROTOCOLBOT_BIND").orElse("0.0.0.0");
        boolean keep = false;
        Optional<String> keepValue = value(env, "PROTOCOLBOT_KEEP_UNANSWERED");
        if (keepValue.isPresent()) {
            switch (keepValue.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "ja" -> keep = true;
                case "false", "0", "no", "nee" -> keep = false;
                default -> problems.add("PROTOCOLBOT_KEEP_UNANSWERED: moet true of false zijn");
            }
        }
        Optional<String> protocol = value(env, "PROTOCOLBOT_ORG").map(p -> p.toLowerCase(Locale.ROOT));
        protocol.filter(p -> !p.matches("[a-z0-9][a-z0-9-]*")).ifPresent(p ->
                problems.add("PROTOCOLBOT_ORG: '" + p + "' is geen protocolnaam (bijv. aurora)"));
        Path data = Path.of(value(env, "PROTOCOLBOT_DATA").orElse("./data"));
        Optional<Path> corpus = value(env, "PROTOCOLBOT_CORPUS").map(Path::of);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Settings(bot, appToken, signing, apiUrl, bind, port, protocol, data, keep, corpus, teams,
                workers, queue, reload, stop, read, idle);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int integer(Map<String, String> env, String name, int dflt, int min, int max, List<String> problems) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + ": '" + v.get() + "' is geen getal van " + min + " tot " + max);
        return dflt;
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBase64(String s) {
        try {
            return java.util.Base64.getDecoder().decode(s).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Settings[slack=" + (slackSocketMode() ? "socket" : slackHttpMode() ? "http" : "off")
                + ", teams=" + (teams() ? "on" : "off") + ", bind=" + bind + ", port=" + port
                + ", protocol=" + protocol.orElse("all") + ", data=" + dataDir + ", keepUnanswered=" + keepUnanswered
                + ", corpus=" + corpusDir.map(Path::toString).orElse("bundled") + ", stop=" + stopSeconds + "s, read="
                + readSeconds + "s, idle=" + idleSeconds + "s]";
    }
}
