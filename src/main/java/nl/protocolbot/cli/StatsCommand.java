package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.protocolbot.feedback.Database;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.Stats;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.app.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Toont de 👍/👎-stemmen per artikel en hoeveel vragen niets vonden.",
                "Met PROTOCOLBOT_KEEP_UNANSWERED=true ook de bewaarde vraagteksten: vragen zonder antwoord en "
                        + "vragen waarvan het antwoord een 👎 kreeg, elk met een nummer voor --delete.",
                "De database: PROTOCOLBOT_DATABASE_URL (met _USER en _PASSWORD), anders protocolbot.db in de datamap."})
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "De datamap (standaard: PROTOCOLBOT_DATA of ./data).")
    Path data;

    @Option(names = "--delete", paramLabel = "NR",
            description = "Wist de bewaarde vraagtekst met dit nummer (herhaalbaar), bijv. nadat je hem met learn "
                    + "als voorbeeldvraag hebt toegevoegd.")
    List<Long> delete = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        main.noCorpus("stats");
        Path dir = data != null ? data : Path.of(main.env.getOrDefault("PROTOCOLBOT_DATA", "./data"));
        Database db;
        boolean showTexts;
        try {
            db = Settings.databaseFromEnv(main.env, dir);
            showTexts = Settings.keepUnansweredFromEnv(main.env);
        } catch (Settings.Invalid e) {
            throw new Main.UserError(String.join("; ", e.problems()), Main.EXIT_USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (db.sqliteFile().filter(f -> !Files.isRegularFile(f)).isPresent() && delete.isEmpty()) {
            // a fresh install: nothing voted yet, and a read-only command creates no database
            print(out, new Stats(List.of(), 0, List.of()), showTexts);
            return Main.EXIT_OK;
        }
        try (FeedbackStore store = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            for (long id : delete) {
                out.println(store.keptTexts().delete(id) ? "Vraagtekst " + id + " gewist." : "Geen vraagtekst met nummer " + id + ".");
            }
            print(out, Stats.read(store.votes(), store.keptTexts()), showTexts);
        } catch (FeedbackStore.Unavailable e) {
            throw new Main.UserError(e.getMessage(), Main.EXIT_FAILURE);
        }
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, Stats s, boolean showTexts) {
        out.println("Stemmen per artikel (👍 / 👎):");
        if (s.votes().isEmpty()) {
            out.println("  (nog geen)");
        }
        for (Votes.PerArticle v : s.votes()) {
            out.printf("  %-28s %5d  %5d%n", v.articleId(), v.up(), v.down());
        }
        out.println("Vragen zonder antwoord: " + s.unanswered());
        if (!showTexts) {
            if (!s.keptTexts().isEmpty()) {
                out.println("Bewaarde vraagteksten: " + s.keptTexts().size()
                        + " (zet PROTOCOLBOT_KEEP_UNANSWERED=true om ze te zien)");
            }
            return;
        }
        texts(out, "Bewaarde vragen zonder antwoord:", s.keptTexts(), KeptTexts.Kind.UNANSWERED);
        texts(out, "Bewaarde vragen met een 👎 op het antwoord (met de artikelen):", s.keptTexts(),
                KeptTexts.Kind.VOTED_DOWN);
    }

    private static void texts(PrintWriter out, String title, List<KeptTexts.Text> all, KeptTexts.Kind kind) {
        out.println(title);
        List<KeptTexts.Text> these = all.stream().filter(t -> t.kind() == kind).toList();
        if (these.isEmpty()) {
            out.println("  (geen)");
        }
        for (KeptTexts.Text t : these) {
            String articles = t.articleIds().isEmpty() ? "" : "  [" + String.join(", ", t.articleIds()) + "]";
            // one line per text, whatever it holds
            out.printf("  %5d  %s  %s%s%n", t.id(), t.askedOn(), t.question().replaceAll("\\s+", " "), articles);
        }
    }
}
