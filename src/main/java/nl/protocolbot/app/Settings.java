package nl.protocolbot.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.Database;

/**
 * The server's configuration, read from environment variables only. Secrets never appear in messages or in
 * {@link #toString()}.
 */
public record Settings(Optional<String> slackBotToken, Optional<String> slackAppToken,
                       Optional<String> slackSigningSecret, String slackApiUrl, String bind, int port,
                       Optional<String> protocol, Path dataDir, boolean keepUnanswered, Optional<Path> corpusDir,
                       Optional<String> teamsSecret, Optional<BotRegistration> teamsBot, int workers, int queue,
                       int reloadSeconds, int stopSeconds, int readSeconds, int idleSeconds,
                       Database database, Listen metrics, Optional<String> adminPassword,
                       Optional<URI> publicUrl) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    /** Shortest management password accepted: long enough that five guesses a minute get nowhere. */
    public static final int MIN_ADMIN_PASSWORD = 12;
    public static final String DEFAULT_TEAMS_OPENID_URL =
            "https://login.botframework.com/v1/.well-known/openidconfiguration";
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * The Azure Bot registration for Teams as a bot (single tenant).
     *
     * @param appId       the Microsoft App ID
     * @param appPassword the client secret (never printed)
     * @param tenantId    the tenant the bot is registered in
     * @param openIdUrl   the Bot Connector's OpenID metadata
     * @param tokenUrl    where the bot gets its own token
     */
    public record BotRegistration(String appId, String appPassword, String tenantId, URI openIdUrl, URI tokenUrl) {
        @Override
        public String toString() {
            return "BotRegistration[appId=" + appId + ", appPassword=***, tenantId=" + tenantId + ", openIdUrl="
                    + openIdUrl + ", tokenUrl=" + tokenUrl + "]";
        }
    }

    /**
     * Where {@code /metrics} is served: {@code PROTOCOLBOT_METRICS_BIND} (default 127.0.0.1, so that only this
     * machine reaches it) and {@code PROTOCOLBOT_METRICS_PORT} (default 9464, or a free port when {@code PORT} is
     * 0; 0 picks a free port).
     */
    public record Listen(String bind, int port) {
    }

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
        Optional<BotRegistration> teamsBot = teamsBot(env, problems);
        String apiUrl = value(env, "SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL);
        if (!isSecureUrl(apiUrl)) {
            problems.add("SLACK_API_URL: is geen https-URL (http alleen naar deze machine, voor tests)");
        }
        int port = integer(env, "PORT", 3000, 0, 65_535, problems);
        int workers = integer(env, "PROTOCOLBOT_WORKERS", 4, 1, 256, problems);
        int queue = integer(env, "PROTOCOLBOT_QUEUE", 200, 1, 100_000, problems);
        int reload = integer(env, "PROTOCOLBOT_RELOAD_SECONDS", 2, 1, 3600, problems);
        int stop = integer(env, "PROTOCOLBOT_STOP_SECONDS", 8, 1, 600, problems);
        int read = integer(env, "PROTOCOLBOT_READ_SECONDS", 10, 1, 600, problems);
        int idle = integer(env, "PROTOCOLBOT_IDLE_SECONDS", 30, 1, 3600, problems);
        String bind = value(env, "PROTOCOLBOT_BIND").orElse("0.0.0.0");
        // with PORT=0 (a free port, as tests and several servers on one machine use) the metrics port is free too
        Listen metrics = new Listen(value(env, "PROTOCOLBOT_METRICS_BIND").orElse("127.0.0.1"),
                integer(env, "PROTOCOLBOT_METRICS_PORT", port == 0 ? 0 : 9464, 0, 65_535, problems));
        boolean keep = parseKeep(env, problems);
        Optional<String> protocol = value(env, "PROTOCOLBOT_ORG").map(p -> p.toLowerCase(Locale.ROOT));
        protocol.filter(p -> !p.matches("[a-z0-9][a-z0-9-]*")).ifPresent(p ->
                problems.add("PROTOCOLBOT_ORG: '" + p + "' is geen protocolnaam (bijv. aurora)"));
        if (LogFormat.parse(env.get(LogFormat.VARIABLE)).isEmpty()) {
            // read by LogConfigurator when logging starts; checked here so that serve refuses a typo
            problems.add(LogFormat.VARIABLE + ": moet plain of json zijn");
        }
        Path data = Path.of(value(env, "PROTOCOLBOT_DATA").orElse("./data"));
        Optional<Path> corpus = value(env, "PROTOCOLBOT_CORPUS").map(Path::of);
        Database database = parseDatabase(env, data, problems);
        Optional<String> admin = value(env, "PROTOCOLBOT_ADMIN_PASSWORD");
        admin.filter(p -> p.length() < MIN_ADMIN_PASSWORD).ifPresent(p -> problems.add(
                "PROTOCOLBOT_ADMIN_PASSWORD: te kort, gebruik minstens " + MIN_ADMIN_PASSWORD + " tekens"));
        Optional<String> publicUrl = value(env, "PROTOCOLBOT_PUBLIC_URL");
        publicUrl.filter(u -> !isHttpUrl(u)).ifPresent(u ->
                problems.add("PROTOCOLBOT_PUBLIC_URL: is geen http(s)-URL (bijv. https://protocol.school.nl)"));
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Settings(bot, appToken, signing, apiUrl, bind, port, protocol, data, keep, corpus, teams,
                teamsBot, workers, queue, reload, stop, read, idle, database, metrics, admin,
                publicUrl.map(URI::create));
    }

    /**
     * The feedback database alone, for commands that need no chat settings ({@code stats}):
     * {@code PROTOCOLBOT_DATABASE_URL} with its user and password, or the SQLite file under {@code dataDir}.
     */
    public static Database databaseFromEnv(Map<String, String> env, Path dataDir) throws Invalid {
        List<String> problems = new ArrayList<>();
        Database db = parseDatabase(env, dataDir, problems);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return db;
    }

    /** {@code PROTOCOLBOT_KEEP_UNANSWERED} alone, for {@code stats}. */
    public static boolean keepUnansweredFromEnv(Map<String, String> env) throws Invalid {
        List<String> problems = new ArrayList<>();
        boolean keep = parseKeep(env, problems);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return keep;
    }

    private static Database parseDatabase(Map<String, String> env, Path dataDir,
                                                        List<String> problems) {
        Optional<String> url = value(env, "PROTOCOLBOT_DATABASE_URL");
        Optional<String> user = value(env, "PROTOCOLBOT_DATABASE_USER");
        // a password is taken as it is: leading or trailing spaces may be part of it
        Optional<String> password = Optional.ofNullable(env.get("PROTOCOLBOT_DATABASE_PASSWORD")).filter(p -> !p.isEmpty());
        if (url.isEmpty()) {
            if (user.isPresent() || password.isPresent()) {
                problems.add("PROTOCOLBOT_DATABASE_USER/PROTOCOLBOT_DATABASE_PASSWORD: alleen samen met "
                        + "PROTOCOLBOT_DATABASE_URL");
            }
            return Database.inFolder(dataDir);
        }
        if (!Database.supported(url.get())) {
            // the value is not repeated: a URL can hold a password
            problems.add("PROTOCOLBOT_DATABASE_URL: moet met jdbc:postgresql:// of jdbc:sqlite: beginnen");
            return Database.inFolder(dataDir);
        }
        return new Database(url.get(), user, password);
    }

    private static boolean parseKeep(Map<String, String> env, List<String> problems) {
        Optional<String> keepValue = value(env, "PROTOCOLBOT_KEEP_UNANSWERED");
        if (keepValue.isEmpty()) {
            return false;
        }
        switch (keepValue.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "ja" -> {
                return true;
            }
            case "false", "0", "no", "nee" -> {
                return false;
            }
            default -> {
                problems.add("PROTOCOLBOT_KEEP_UNANSWERED: moet true of false zijn");
                return false;
            }
        }
    }

    private static final List<String> TEAMS_BOT_VARIABLES = List.of("TEAMS_BOT_APP_ID", "TEAMS_BOT_APP_PASSWORD",
            "TEAMS_BOT_TENANT_ID", "TEAMS_BOT_OPENID_URL", "TEAMS_BOT_TOKEN_URL");

    /** The Teams bot's registration: none when none of its variables is set; a problem per missing or bad one. */
    private static Optional<BotRegistration> teamsBot(Map<String, String> env, List<String> problems) {
        if (TEAMS_BOT_VARIABLES.stream().allMatch(v -> value(env, v).isEmpty())) {
            return Optional.empty();
        }
        Optional<String> id = value(env, "TEAMS_BOT_APP_ID");
        Optional<String> password = value(env, "TEAMS_BOT_APP_PASSWORD");
        Optional<String> tenant = value(env, "TEAMS_BOT_TENANT_ID");
        int before = problems.size();
        if (id.isEmpty()) {
            problems.add("TEAMS_BOT_APP_ID: ontbreekt (de Microsoft App ID van de Azure Bot-registratie)");
        } else if (!id.get().matches(GUID)) {
            problems.add("TEAMS_BOT_APP_ID: is geen app-ID (een GUID zoals 00000000-0000-0000-0000-000000000000)");
        }
        if (password.isEmpty()) {
            problems.add("TEAMS_BOT_APP_PASSWORD: ontbreekt (het clientgeheim van de Azure Bot-registratie)");
        }
        if (tenant.isEmpty()) {
            problems.add("TEAMS_BOT_TENANT_ID: ontbreekt (de tenant-ID, Directory ID, van je Microsoft 365-omgeving)");
        } else if (!tenant.get().matches(GUID) && !tenant.get().matches("[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)+")) {
            problems.add("TEAMS_BOT_TENANT_ID: is geen tenant-ID (een GUID, of een domein zoals school.onmicrosoft.com)");
        }
        String openId = value(env, "TEAMS_BOT_OPENID_URL").orElse(DEFAULT_TEAMS_OPENID_URL);
        if (!isSecureUrl(openId)) {
            problems.add("TEAMS_BOT_OPENID_URL: is geen https-URL");
        }
        String token = value(env, "TEAMS_BOT_TOKEN_URL").orElse("https://login.microsoftonline.com/"
                + tenant.orElse("") + "/oauth2/v2.0/token");
        if (value(env, "TEAMS_BOT_TOKEN_URL").isPresent() && !isSecureUrl(token)) {
            problems.add("TEAMS_BOT_TOKEN_URL: is geen https-URL");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new BotRegistration(id.get(), password.get(), tenant.get(), URI.create(openId),
                URI.create(token)));
    }

    /** https, or http to this machine only (tests): secrets and tokens never travel in the clear. */
    private static boolean isSecureUrl(String s) {
        try {
            URI u = URI.create(s);
            String host = u.getHost();
            return host != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")));
        } catch (IllegalArgumentException e) {
            return false;
        }
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
                + ", teams=" + (teams() ? "on" : "off") + ", teamsBot=" + (teamsBot.isPresent() ? "on" : "off")
                + ", beheer=" + (adminPassword.isPresent() ? "on" : "off")
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("none")
                + ", bind=" + bind + ", port=" + port + ", metrics=" + metrics.bind() + ":" + metrics.port()
                + ", protocol=" + protocol.orElse("all") + ", database=" + database + ", keepUnanswered=" + keepUnanswered
                + ", corpus=" + corpusDir.map(Path::toString).orElse("bundled") + ", stop=" + stopSeconds + "s, read="
                + readSeconds + "s, idle=" + idleSeconds + "s]";
    }
}
