package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import nl.protocolbot.feedback.Vote;

class MainTest {
    record Run(int code, String out, String err) {
    }

    static Run withInput(String stdin, String... args) {
        return withEnv(java.util.Map.of(), stdin, args);
    }

    static Run withEnv(java.util.Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env,
                new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return withInput("", args);
    }

    @Test
    void askPrintsTheConsentArticlesWithSourceAndReminder() {
        Run r = run("ask", "mag ik een klassenfoto op Instagram zetten?");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("toestemming"), r.out());
        assertTrue(r.out().contains("[scoh/") || r.out().contains("[aurora/3.5]") || r.out().contains("[verkruisen/10]"));
        assertTrue(r.out().strip().endsWith("Bij twijfel: niet publiceren."), r.out());
    }

    @Test
    void askJsonPrintsOneObject() {
        Run r = run("ask", "--json", "Een leerling stuurt me een vriendschapsverzoek, mag ik dat accepteren?");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(o.getAsJsonArray("answers").toString().contains("scoh/communiceren-11"), r.out());
        assertEquals("Bij twijfel: niet publiceren.", o.get("reminder").getAsString());
    }

    @Test
    void askJsonWithoutQuestionReadsJsonLinesFromStdin() {
        Run r = withInput("mag ik een foto posten?\n\n   \nHoe laat begint de kerstviering?\n", "ask", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertFalse(JsonParser.parseString(lines[0]).getAsJsonObject().getAsJsonArray("answers").isEmpty());
        assertTrue(JsonParser.parseString(lines[1]).getAsJsonObject().getAsJsonArray("answers").isEmpty());
    }

    @Test
    void orgLimitsToOneProtocolAndUnknownOrgIsAClearError() {
        Run r = run("ask", "--json", "--org", "aurora", "mag ik een foto van een leerling plaatsen");
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        o.getAsJsonArray("answers").forEach(a ->
                assertTrue(a.getAsJsonObject().get("id").getAsString().startsWith("aurora/")));
        Run bad = run("ask", "--org", "nope", "foto");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().split("\n").length, bad.err());
        assertTrue(bad.err().contains("onbekend protocol 'nope'"));
    }

    @Test
    void emptyQuestionAndUnknownOptionAreOneLineErrors() {
        Run empty = run("ask", "  ");
        assertEquals(2, empty.code());
        assertTrue(empty.err().startsWith("protocolbot: geef een vraag"), empty.err());
        Run mark = run("ask", "?");
        assertEquals(2, mark.code(), "a question mark alone is no question either");
        assertEquals(empty.err(), mark.err());
        Run unknown = run("ask", "--frobnicate", "foto");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--frobnicate"), unknown.err());
        assertFalse(unknown.err().contains("Exception"), unknown.err());
    }

    @Test
    void showPrintsAnArticleAndRefusesUnknownIds() {
        Run r = run("show", "aurora/3.5");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("[aurora/3.5]") && r.out().contains("Aurora OnderwijsGroep"), r.out());
        assertTrue(r.out().contains("leerlingen ouder dan 16 jaar"), r.out());
        Run missing = run("show", "aurora/99");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("onbekend artikel 'aurora/99'"), missing.err());
    }

    @Test
    void listShowsIdsAndTitles() {
        Run r = run("list", "--org", "verkruisen");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("verkruisen/10\t"), r.out());
        assertFalse(r.out().contains("aurora/"), r.out());
    }

    @Test
    void checkAcceptsTheBundledCorpusAndNamesTheBrokenFile(@TempDir Path dir) throws Exception {
        Run ok = run("check");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("OK: 5 protocollen"), ok.out());
        Files.writeString(dir.resolve("kapot.md"), "---\nprotocol: kapot\norganisation: K\ntitle: T\n---\n\n### [1] Leeg\n");
        Files.writeString(dir.resolve("synonyms.txt"), "foto, beeld\nfoto => => beeld\n");
        Run bad = run("check", dir.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("kapot.md:7: artikel kapot/1 is leeg"), bad.err());
        assertFalse(bad.err().contains("at nl."), bad.err());
    }

    @Test
    void checkValidatesSynonymsAndTopics(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("demo.md"), "---\nprotocol: demo\norganisation: D\ntitle: T\n---\n\n### [1] A\n\nTekst.\n");
        Files.writeString(dir.resolve("synonyms.txt"), "# ok\nfoto, beeld\nfoto => => beeld\n");
        Run bad = run("check", dir.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("synonyms.txt:3: ongeldige synoniemregel"), bad.err());
        Files.writeString(dir.resolve("synonyms.txt"), "foto, beeld\n");
        Files.writeString(dir.resolve("topics.txt"), "foto\nde\n");
        Run topics = run("check", dir.toString());
        assertEquals(1, topics.code());
        assertTrue(topics.err().contains("topics.txt:2: onderwerp 'de'"), topics.err());
    }

    @Test
    void brokenCorpusIsRefusedWithoutStackTrace(@TempDir Path dir) {
        Run r = run("ask", "--corpus", dir.resolve("missing").toString(), "foto");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("geen leesbare corpusmap"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void evalPrintsMetricsAndHonoursMinHit3(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"q\": \"mag ik vloeken in een tweet\", \"expect\": [\"schuttingtaal\"]}\n"
                + "{\"q\": \"Hoe laat begint de kerstviering?\", \"expect\": []}\n");
        Run ok = run("eval", file.toString(), "--min-hit3", "0.5");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("Hit@3 1.000") && ok.out().contains("off-topic rejection 1/1"), ok.out());
        Files.writeString(file, "{\"q\": \"mag ik vloeken in een tweet\", \"expect\": [\"iets dat er niet staat\"]}\n");
        Run low = run("eval", file.toString(), "--min-hit3", "0.5");
        assertEquals(1, low.code());
        assertTrue(low.out().contains("miss (line 1)"), low.out());
        Files.writeString(file, "not json\n");
        Run broken = run("eval", file.toString());
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains("q.jsonl:1"), broken.err());
    }

    @Test
    void consoleAnswersUntilEndOfInput() {
        Run r = withInput("mag ik vloeken in een tweet\ntoon aurora/3.5\n\nstop\nnot read\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[konot/donts-2]"), r.out());
        assertTrue(r.out().contains("[aurora/3.5]"), r.out());
        assertTrue(r.out().contains("Bij twijfel: niet publiceren."));
    }

    @Test
    void serveRefusesMissingOrBadSettingsNamingEachVariable() {
        Run bad = withEnv(java.util.Map.of("SLACK_BOT_TOKEN", "oops-secretvalue", "PORT", "99999",
                "SLACK_API_URL", "ftp://x", "PROTOCOLBOT_ADMIN_PASSWORD", "geheim-123",
                "PROTOCOLBOT_PUBLIC_URL", "protocol.school.nl"), "", "serve");
        assertEquals(2, bad.code());
        String[] lines = bad.err().strip().split("\n");
        assertEquals(6, lines.length, bad.err());
        assertTrue(bad.err().contains("PROTOCOLBOT_ADMIN_PASSWORD: te kort"), bad.err());
        assertTrue(bad.err().contains("PROTOCOLBOT_PUBLIC_URL: is geen http(s)-URL"), bad.err());
        assertFalse(bad.err().contains("geheim-123"), "the password is never echoed");
        assertTrue(bad.err().contains("SLACK_BOT_TOKEN: moet met xoxb- beginnen"), bad.err());
        assertTrue(bad.err().contains("SLACK_APP_TOKEN: ontbreekt"), bad.err());
        assertTrue(bad.err().contains("PORT: '99999'"), bad.err());
        assertTrue(bad.err().contains("SLACK_API_URL"), bad.err());
        assertFalse(bad.err().contains("secretvalue"), "secrets are never echoed");
    }

    @Test
    void statsPrintsVotesAndUnansweredCounts(@TempDir Path dir) throws Exception {
        Run none = withEnv(java.util.Map.of("PROTOCOLBOT_DATA", dir.toString()), "", "stats");
        assertEquals(0, none.code(), "a fresh install is not an error");
        assertTrue(none.out().contains("(nog geen)") && none.out().contains("Vragen zonder antwoord: 0"), none.out());
        try (var store = nl.protocolbot.feedback.TestStores.openFolder(dir, true)) {
            store.votes().vote(java.util.List.of("aurora/3.5"), Vote.UP, Optional.empty());
            store.keptTexts().unanswered("Waar kan ik parkeren?");
        }
        Run r = withEnv(java.util.Map.of("PROTOCOLBOT_DATA", dir.toString(), "PROTOCOLBOT_KEEP_UNANSWERED", "true"),
                "", "stats");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("aurora/3.5") && r.out().contains("Vragen zonder antwoord: 1"), r.out());
        assertTrue(r.out().contains("Waar kan ik parkeren?"), r.out());
    }

    /** A corpus folder with one protocol that the bundled corpus does not have. */
    static Path demoCorpus(Path dir) throws Exception {
        Files.writeString(dir.resolve("demo.md"), "---\nprotocol: demo\norganisation: Demo Scholen\ntitle: Demo\n---\n\n"
                + "### [1] Zeepbellen\n\nMedewerkers mogen foto's van het zeepbellenblazen op Instagram zetten.\n");
        return dir;
    }

    @Test
    void corpusWorksBeforeAndAfterEveryCommandThatReadsACorpus(@TempDir Path dir) throws Exception {
        String corpus = demoCorpus(dir).toString();
        Path eval = dir.resolve("q.jsonl");
        Files.writeString(eval, "{\"q\": \"mag ik zeepbellen op instagram zetten\", \"expect\": [\"zeepbellenblazen\"]}\n");
        String[][] commands = {{"list"}, {"show", "demo/1"}, {"check"}, {"ask", "mag ik zeepbellen op instagram zetten?"},
            {"eval", eval.toString()}};
        for (String[] command : commands) {
            for (boolean before : new boolean[] {true, false}) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
                args.addAll(before ? 0 : 1, java.util.List.of("--corpus", corpus));
                Run r = run(args.toArray(String[]::new));
                assertEquals(0, r.code(), args + ": " + r.err());
                assertTrue(r.out().contains("demo/1") || r.out().contains("OK: 1 protocollen, 1 artikelen")
                        || r.out().contains("Hit@3 1.000"), args + " used the demo corpus: " + r.out());
                assertFalse(r.out().contains("aurora/"), args + " did not use the bundled corpus");
            }
        }
        Run console = withInput("toon demo/1\n", "--corpus", corpus);
        assertTrue(console.out().contains("zeepbellenblazen"), console.out());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // were --corpus ignored, serve would start on the bundled corpus and never return
    void corpusBeforeServeIsTheCorpusItServes(@TempDir Path dir, @TempDir Path data) throws Exception {
        Files.writeString(dir.resolve("kapot.md"), "---\nprotocol: kapot\n---\n\n### [1] Leeg\n");
        java.util.Map<String, String> env = java.util.Map.of("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN, "PORT", "0",
                "PROTOCOLBOT_BIND", "127.0.0.1", "PROTOCOLBOT_DATA", data.toString());
        for (String[] args : new String[][] {{"--corpus", dir.toString(), "serve"}, {"serve", "--corpus", dir.toString()}}) {
            Run r = withEnv(env, "", args);
            assertEquals(1, r.code(), java.util.Arrays.toString(args));
            assertTrue(r.err().contains("kapot.md"), "refused the broken corpus it was given: " + r.err());
        }
    }

    @Test
    void corpusIsRefusedWhereNoCorpusIsReadOrWhenGivenTwice(@TempDir Path dir) throws Exception {
        for (String command : java.util.List.of("stats", "health", "bench")) {
            Run r = run("--corpus", dir.toString(), command);
            assertEquals(2, r.code(), command);
            assertTrue(r.err().contains("--corpus geldt niet voor '" + command + "'"), r.err());
        }
        Run twice = run("--corpus", dir.toString(), "list", "--corpus", dir.resolve("other").toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--corpus staat twee keer"), twice.err());
    }

    @Test
    void evalOfAMissingFileSaysItDoesNotExist(@TempDir Path dir) {
        Run r = run("eval", dir.resolve("vragen.jsonl").toString());
        assertEquals(2, r.code());
        assertEquals("protocolbot: het bestand " + dir.resolve("vragen.jsonl") + " bestaat niet\n", r.err());
    }

    @Test
    void typosGetSuggestionsInDutch() {
        Run command = run("chek", "corpus");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("onbekende opdracht"), command.err());
        assertTrue(command.err().contains("Bedoel je 'check'"), command.err());
        Run option = run("ask", "--jsno", "foto");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("onbekende optie: '--jsno'"), option.err());
        assertTrue(option.err().contains("Bedoel je '--json'?"), option.err());
        assertFalse(option.err().contains("Did you mean") || option.err().contains("Unknown"), option.err());
    }

    @Test
    void versionIsThePomVersion() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<artifactId>protocolbot</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        Run r = run("--version");
        assertEquals(0, r.code());
        assertEquals("protocolbot " + m.group(1), r.out().strip());
    }

    @Test
    void articleIdsAndProtocolSlugsIgnoreCase() {
        Run show = run("show", "Aurora/3.5");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("[aurora/3.5]"), show.out());
        Run list = run("list", "--org", "VERKRUISEN");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("verkruisen/10\t"), list.out());
        Run ask = run("ask", "--json", "--org", "Konot", "mag ik een foto van een leerling plaatsen");
        assertEquals(0, ask.code(), ask.err());
        JsonParser.parseString(ask.out()).getAsJsonObject().getAsJsonArray("answers").forEach(a ->
                assertTrue(a.getAsJsonObject().get("id").getAsString().startsWith("konot/"), ask.out()));
        Run console = withInput("toon AURORA/3.5\n");
        assertTrue(console.out().contains("leerlingen ouder dan 16 jaar"), console.out());
    }

    @Test
    void consoleHelpPrintsHelpInsteadOfSearching() {
        Run r = withInput("help\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("toon ID") && r.out().contains("stop"), r.out());
        assertFalse(r.out().contains("Bij twijfel") || r.out().contains("Daar staat niets over"), r.out());
    }

    @Test
    void theHelpIsDutchAndNamesTheCommandAsTyped() {
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Gebruik: java -jar protocolbot.jar [-hV] [--corpus=DIR] [OPDRACHT]"),
                help.out());
        for (String english : new String[] {"Usage:", "Options:", "Commands:", "Show this help", "Print version"}) {
            assertFalse(help.out().contains(english), english + " in " + help.out());
        }
        assertTrue(help.out().contains("Toon deze hulp en stop."), help.out());
        // every command's summary in the list is a whole sentence
        String list = help.out().substring(help.out().indexOf("Opdrachten:"));
        for (String line : list.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                String summary = line.strip().replaceFirst("^\\S+\\s+", "");
                int at = list.indexOf(line) + line.length();
                String rest = list.substring(at);
                while (rest.startsWith("\n               ")) {
                    String next = rest.substring(1, rest.indexOf('\n', 1) < 0 ? rest.length() : rest.indexOf('\n', 1));
                    summary += " " + next.strip();
                    rest = rest.substring(1 + next.length());
                }
                assertTrue(summary.endsWith("."), "cut off: " + summary);
            }
        }
        Run ask = run("ask", "--help");
        assertTrue(ask.out().startsWith("Gebruik: java -jar protocolbot.jar ask"), ask.out());
        assertTrue(ask.out().contains("Argumenten:") && ask.out().contains("Opties:"), ask.out());
    }
}
