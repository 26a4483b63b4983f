package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code protocolbot teams-app}: the package's manifest fields and icons, as Teams requires them. */
class TeamsAppCommandTest {
    static final String APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    @Test
    void writesAManifestWithTheBotInThreeScopesAndTwoIcons(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("protocolbot-teams.zip");
        MainTest.Run r = MainTest.run("teams-app", "--app-id", APP_ID, "--out", zip.toString(),
                "--website", "https://www.aurora-onderwijs.example/", "--developer", "Aurora OnderwijsGroep");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Teams-app-pakket geschreven"), r.out());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).sorted().toList();
            assertEquals(List.of("color.png", "manifest.json", "outline.png"), names);
            JsonObject m = JsonParser.parseString(new String(z.getInputStream(z.getEntry("manifest.json"))
                    .readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            checkManifest(m);
            BufferedImage color = ImageIO.read(z.getInputStream(z.getEntry("color.png")));
            assertEquals(192, color.getWidth());
            assertEquals(192, color.getHeight());
            BufferedImage outline = ImageIO.read(z.getInputStream(z.getEntry("outline.png")));
            assertEquals(32, outline.getWidth());
            assertEquals(32, outline.getHeight());
            checkWhiteOnTransparent(outline);
        }
    }

    static void checkManifest(JsonObject m) {
        String version = m.get("manifestVersion").getAsString();
        String[] parts = version.split("\\.");
        assertTrue(Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) >= 17, version);
        assertTrue(m.get("$schema").getAsString().endsWith("/teams/v" + version + "/MicrosoftTeams.schema.json"));
        assertTrue(m.get("version").getAsString().matches("\\d+\\.\\d+\\.\\d+"));
        assertEquals(APP_ID, m.get("id").getAsString());
        JsonObject developer = m.getAsJsonObject("developer");
        assertEquals("Aurora OnderwijsGroep", developer.get("name").getAsString());
        for (String url : List.of("websiteUrl", "privacyUrl", "termsOfUseUrl")) {
            assertEquals("https://www.aurora-onderwijs.example/", developer.get(url).getAsString());
        }
        assertTrue(m.getAsJsonObject("name").get("short").getAsString().length() <= 30);
        assertTrue(m.getAsJsonObject("name").get("full").getAsString().length() <= 100);
        assertTrue(m.getAsJsonObject("description").get("short").getAsString().length() <= 80);
        assertTrue(m.getAsJsonObject("description").get("full").getAsString().length() <= 4000);
        assertEquals("color.png", m.getAsJsonObject("icons").get("color").getAsString());
        assertEquals("outline.png", m.getAsJsonObject("icons").get("outline").getAsString());
        assertTrue(m.get("accentColor").getAsString().matches("#[0-9A-Fa-f]{6}"));
        JsonArray bots = m.getAsJsonArray("bots");
        assertEquals(1, bots.size());
        JsonObject bot = bots.get(0).getAsJsonObject();
        assertEquals(APP_ID, bot.get("botId").getAsString());
        assertEquals(List.of("personal", "team", "groupChat"), strings(bot.getAsJsonArray("scopes")));
        JsonObject commands = bot.getAsJsonArray("commandLists").get(0).getAsJsonObject();
        assertEquals(List.of("personal", "team", "groupChat"), strings(commands.getAsJsonArray("scopes")));
        JsonArray list = commands.getAsJsonArray("commands");
        assertTrue(list.size() >= 3 && list.size() <= 10, "Teams shows at most 10 commands");
        for (JsonElement c : list) {
            String title = c.getAsJsonObject().get("title").getAsString();
            assertTrue(title.length() <= 32, title);
            assertTrue(c.getAsJsonObject().get("description").getAsString().length() <= 128, title);
        }
    }

    /** Teams wants the outline icon white (or transparent) only. */
    static void checkWhiteOnTransparent(BufferedImage outline) {
        int transparent = 0;
        for (int y = 0; y < outline.getHeight(); y++) {
            for (int x = 0; x < outline.getWidth(); x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha == 0) {
                    transparent++;
                } else {
                    assertEquals(0xFFFFFF, argb & 0xFFFFFF, "pixel " + x + "," + y + " is not white");
                }
            }
        }
        assertTrue(transparent > 32 * 32 / 2, "mostly transparent");
    }

    @Test
    void theExampleCommandsAreQuestionsTheBotAnswers(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("p.zip");
        assertEquals(0, MainTest.run("teams-app", "--app-id", APP_ID, "--out", zip.toString()).code());
        Answerer answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        List<String> answered = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonObject m = JsonParser.parseString(new String(z.getInputStream(z.getEntry("manifest.json"))
                    .readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            JsonArray list = m.getAsJsonArray("bots").get(0).getAsJsonObject().getAsJsonArray("commandLists")
                    .get(0).getAsJsonObject().getAsJsonArray("commands");
            for (JsonElement c : list) {
                String title = c.getAsJsonObject().get("title").getAsString();
                if (!title.equals("help") && !title.equals("toon")
                        && answerer.ask(title).status() == Answer.Status.ANSWERED) {
                    answered.add(title);
                }
            }
        }
        assertEquals(4, answered.size(), "every example title is itself a question: " + answered);
    }

    @Test
    void aBadAppIdOrPlainHttpSiteIsRefusedInDutch(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("teams-app", "--app-id", "mijn-bot", "--website", "http://school.example",
                "--out", dir.resolve("x.zip").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--app-id: is geen app-ID"), r.err());
        assertTrue(r.err().contains("--website: moet een https-URL zijn"), r.err());
        assertFalse(dir.resolve("x.zip").toFile().exists());
        MainTest.Run missing = MainTest.run("teams-app");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--app-id"), missing.err());
    }

    @Test
    void withoutAWebsiteItSaysThePlaceholderMustBeReplaced(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("teams-app", "--app-id", APP_ID, "--out", dir.resolve("p.zip").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("geef de website van je schoolbestuur op"), r.out());
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
