package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus with a very long article: every Slack reply stays within Block Kit's limits. */
class SlackLimitsTest {
    /** About 150,000 characters in 1,000 sentences, as a very long adopted article could be. */
    static String longArticle() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            sb.append("Regel ").append(i).append(" over foto's van leerlingen op sociale media vraagt om "
                    + "schriftelijke toestemming van ouders voordat iets wordt geplaatst. ");
        }
        return sb.toString().strip();
    }

    /** The bundled corpus plus one protocol with a very long article. */
    static Path corpus(Path dir) throws Exception {
        Path bundled = Path.of(nl.protocolbot.corpus.CorpusLoader.class.getResource("/corpus").toURI());
        try (var files = Files.list(bundled)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(dir.resolve("lang.md"), """
                ---
                protocol: lang
                organisation: Stichting Lang
                title: Protocol sociale media Stichting Lang
                version: "1.0"
                adopted: 2024-01-15
                ---

                ## Beeldmateriaal

                ### [9] Foto's van leerlingen op sociale media

                %s

                ### [10] Klassenfoto op Instagram

                Een klassenfoto op Instagram mag alleen met schriftelijke toestemming van alle ouders.
                """.formatted(longArticle()), StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void aVeryLongArticleIsCutAtASentenceWithAPointerToTheWholeArticle(@TempDir Path data, @TempDir Path dir)
            throws Exception {
        try (SlackServer server = new SlackServer(data, "PROTOCOLBOT_CORPUS", corpus(dir).toString())) {
            assertEquals(200, server.event("EvLong1", SlackPayloads.mention(
                    "mag ik foto's van leerlingen op sociale media zetten?", "1700001100.000100")).statusCode());
            String blocks = server.slack.await("chat.postMessage", 1).get(0).params().get("blocks");
            JsonArray posted = JsonParser.parseString(blocks).getAsJsonArray();
            withinLimits(posted);
            assertTrue(blocks.contains("/protocol toon lang/9"), "points to the whole article: " + blocks);
            assertTrue(blocks.contains("geplaatst. …"), "cut after a sentence");

            var shown = server.form(SlackHttpTest.command("toon lang/9", server.slack.responseUrl("cmd")));
            assertEquals(200, shown.statusCode());
            JsonObject reply = JsonParser.parseString(shown.body()).getAsJsonObject();
            withinLimits(reply.getAsJsonArray("blocks"));
            assertTrue(reply.get("text").getAsString().length() <= 3000);
        }
    }

    /** Slack's limits: at most 50 blocks, at most 3000 characters in each text. */
    static void withinLimits(JsonArray blocks) {
        assertTrue(blocks.size() <= 50, blocks.size() + " blocks");
        texts(blocks, 0);
    }

    private static void texts(JsonElement e, int depth) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("text") && o.get("text").isJsonPrimitive()) {
                assertTrue(o.get("text").getAsString().length() <= 3000, "a text of "
                        + o.get("text").getAsString().length() + " characters");
            }
            o.entrySet().forEach(x -> texts(x.getValue(), depth + 1));
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> texts(x, depth + 1));
        }
    }
}
