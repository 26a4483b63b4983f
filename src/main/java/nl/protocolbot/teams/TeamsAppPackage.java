package nl.protocolbot.teams;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Teams app package a school uploads in the Teams admin center (or sideloads): {@code manifest.json} on manifest
 * schema 1.17 with the bot in personal, team and group-chat scope and a command list of example questions, plus the
 * colour (192×192) and outline (32×32, white on transparent) icons kept beside this class.
 */
public final class TeamsAppPackage {
    static final String SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json";
    static final String MANIFEST_VERSION = "1.17";
    static final String ACCENT = "#1F4E79";
    static final List<String> SCOPES = List.of("personal", "team", "groupChat");
    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * What the package says about the app.
     *
     * @param appId     the Azure Bot's Microsoft App ID (also the app's ID)
     * @param developer who publishes it (the school board)
     * @param website   its website; also the privacy and terms URLs unless given
     * @param version   the package version; raise it for every new upload
     */
    public record Options(String appId, String developer, URI website, URI privacy, URI terms, String version) {
        /** The problems with these options, in Dutch, one per line; empty when they are fine. */
        public List<String> problems() {
            List<String> out = new java.util.ArrayList<>();
            if (!appId.matches(GUID)) {
                out.add("--app-id: is geen app-ID (een GUID zoals 00000000-0000-0000-0000-000000000000)");
            }
            https("--website", website, out);
            https("--privacy-url", privacy, out);
            https("--terms-url", terms, out);
            if (!version.matches("\\d{1,5}\\.\\d{1,5}\\.\\d{1,5}")) {
                out.add("--app-version: moet de vorm 1.0.0 hebben");
            }
            if (developer.isBlank() || developer.length() > 32) {
                out.add("--developer: 1 tot 32 tekens");
            }
            return out;
        }

        private static void https(String option, URI url, List<String> problems) {
            if (!"https".equals(url.getScheme()) || url.getHost() == null) {
                problems.add(option + ": moet een https-URL zijn");
            }
        }
    }

    private TeamsAppPackage() {
    }

    /** Writes the package (a zip with the manifest and the two icons) to {@code out}. */
    public static void write(Options options, Path out) throws IOException {
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(manifest(options)).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (String icon : List.of("color.png", "outline.png")) {
                zip.putNextEntry(new ZipEntry(icon));
                try (InputStream in = TeamsAppPackage.class.getResourceAsStream(icon)) {
                    if (in == null) {
                        throw new IOException(icon + " is missing from the jar");
                    }
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    static JsonObject manifest(Options o) {
        JsonObject m = new JsonObject();
        m.addProperty("$schema", SCHEMA);
        m.addProperty("manifestVersion", MANIFEST_VERSION);
        m.addProperty("version", o.version());
        m.addProperty("id", o.appId());
        JsonObject developer = new JsonObject();
        developer.addProperty("name", o.developer());
        developer.addProperty("websiteUrl", o.website().toString());
        developer.addProperty("privacyUrl", o.privacy().toString());
        developer.addProperty("termsOfUseUrl", o.terms().toString());
        m.add("developer", developer);
        m.add("name", pair("short", "protocolbot", "full", "protocolbot: het social-media-protocol"));
        m.add("description", pair("short", "Vragen over het social-media-protocol van je schoolbestuur",
                "full", "Stel je vraag over social media op school (foto's van leerlingen, vriendschapsverzoeken, "
                        + "ouders online, de pers) en krijg de letterlijke artikelen uit het protocol van je "
                        + "schoolbestuur, met hun bron. Werkt in een persoonlijke chat, in groepschats en in kanalen "
                        + "(noem @protocolbot). De bot bewaart geen vragen en onthoudt niet wie iets vroeg. "
                        + "Bij twijfel: niet publiceren."));
        m.add("icons", pair("color", "color.png", "outline", "outline.png"));
        m.addProperty("accentColor", ACCENT);
        JsonArray bots = new JsonArray();
        bots.add(bot(o.appId()));
        m.add("bots", bots);
        m.add("validDomains", new JsonArray());
        JsonObject localization = new JsonObject();
        localization.addProperty("defaultLanguageTag", "nl-nl");
        m.add("localizationInfo", localization);
        return m;
    }

    private static JsonObject bot(String appId) {
        JsonObject bot = new JsonObject();
        bot.addProperty("botId", appId);
        bot.add("scopes", array(SCOPES));
        bot.addProperty("supportsFiles", false);
        bot.addProperty("isNotificationOnly", false);
        JsonArray commands = new JsonArray();
        for (Welcome.Example e : Welcome.examples()) {
            commands.add(pair("title", e.title(), "description", e.question()));
        }
        commands.add(pair("title", "toon", "description", "Een artikel opzoeken op zijn ID: toon <protocol>/<nummer>"));
        commands.add(pair("title", "help", "description", "Wat kan ik vragen, en hoe?"));
        JsonObject list = new JsonObject();
        list.add("scopes", array(SCOPES));
        list.add("commands", commands);
        JsonArray lists = new JsonArray();
        lists.add(list);
        bot.add("commandLists", lists);
        return bot;
    }

    private static JsonObject pair(String k1, String v1, String k2, String v2) {
        JsonObject o = new JsonObject();
        o.addProperty(k1, v1);
        o.addProperty(k2, v2);
        return o;
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
