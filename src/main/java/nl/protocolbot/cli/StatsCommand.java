package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.protocolbot.feedback.FeedbackStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Toont de 👍/👎-stemmen per artikel en hoeveel vragen niets vonden.")
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "De datamap (standaard: PROTOCOLBOT_DATA of ./data).")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        main.noCorpus("stats");
        Path dir = data != null ? data : Path.of(main.env.getOrDefault("PROTOCOLBOT_DATA", "./data"));
        PrintWriter out = spec.commandLine().getOut();
        if (!java.nio.file.Files.isRegularFile(dir.resolve("protocolbot.db"))) {
            // a fresh install: nothing voted or asked yet, which is not an error (and stats creates no database)
            print(out, new FeedbackStore.Stats(java.util.List.of(), 0, java.util.List.of()));
            return Main.EXIT_OK;
        }
        try (FeedbackStore store = FeedbackStore.openFolder(dir, false)) {
            print(out, store.stats());
        }
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, FeedbackStore.Stats s) {
        out.println("Stemmen per artikel (👍 / 👎):");
        if (s.votes().isEmpty()) {
            out.println("  (nog geen)");
        }
        for (FeedbackStore.Votes v : s.votes()) {
            out.printf("  %-28s %5d  %5d%n", v.articleId(), v.up(), v.down());
        }
        out.println("Vragen zonder antwoord: " + s.unanswered());
        if (!s.unansweredQuestions().isEmpty()) {
            out.println("Bewaarde vragen zonder antwoord (PROTOCOLBOT_KEEP_UNANSWERED):");
            s.unansweredQuestions().forEach(q -> out.println("  " + q));
        }
    }
}
