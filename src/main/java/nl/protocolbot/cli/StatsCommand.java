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
        Path dir = data != null ? data : Path.of(main.env.getOrDefault("PROTOCOLBOT_DATA", "./data"));
        if (!java.nio.file.Files.isRegularFile(dir.resolve("protocolbot.db"))) {
            throw new Main.UserError("geen feedback gevonden in " + dir + " (nog niets gestemd?)", Main.EXIT_FAILURE);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (FeedbackStore store = FeedbackStore.openFolder(dir, false)) {
            FeedbackStore.Stats s = store.stats();
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
        return Main.EXIT_OK;
    }
}
