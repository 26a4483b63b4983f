package nl.protocolbot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.eval.Evaluation;
import nl.protocolbot.search.Tuning;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Meet de antwoordkwaliteit op vragen met verwachte zinsdelen (JSON Lines: {\"q\": …, \"expect\": […]}).")
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CorpusOption corpus;

    @CommandLine.Mixin
    ProtocolOption protocol;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Een of meer .jsonl-bestanden.")
    List<Path> files;

    @Option(names = "--min-hit3", paramLabel = "X", description = "Eindig met code 1 als Hit@3 onder X ligt.")
    Double minHit3;

    @Option(names = "--min-rejection", paramLabel = "X",
            description = "Eindig met code 1 als minder dan dit deel van de vragen buiten het protocol zonder artikel blijft.")
    Double minRejection;

    @Option(names = "--summary", description = "Alleen de cijfers, niet de gemiste vragen (voor meetsets: wie verbetert,"
            + " blijft ervoor blind).")
    boolean summary;

    @Option(names = "--ablation", description = "Meet elke stap van de zoekketen apart (tabel voor docs/quality.md).")
    boolean ablation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (ablation) {
            ablation(out);
            return Main.EXIT_OK;
        }
        Answerer answerer = main.corpus(corpus).answerer();
        Optional<String> org = protocol.validated(answerer.corpus());
        boolean ok = true;
        for (Path f : files) {
            ok &= report(out, f, measure(answerer, f, org));
        }
        return ok ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }

    /** Prints one file's figures (and, unless {@code --summary}, its misses); false when below a minimum. */
    private boolean report(PrintWriter out, Path f, Evaluation.Report r) {
        out.printf(Locale.ROOT, "%s: %d on-topic, %d off-topic questions%n", f, r.onTopic(), r.offTopic());
        if (!summary) {
            for (Evaluation.Miss m : r.misses()) {
                out.printf(Locale.ROOT, "  miss (line %d): %s -> %s%n", m.testCase().line(), m.testCase().question(),
                        m.answeredIds().isEmpty() ? "(no article)" : String.join(", ", m.answeredIds()));
            }
        }
        out.printf(Locale.ROOT, "Hit@1 %.3f  Hit@3 %.3f  MRR@5 %.3f  off-topic rejection %d/%d  (%.2f ms/question)%n",
                r.hit1(), r.hit3(), r.mrr5(), r.rejected(), r.offTopic(), r.millisPerQuestion());
        boolean ok = true;
        if (minHit3 != null && r.hit3() < minHit3) {
            out.printf(Locale.ROOT, "Hit@3 %.3f is below --min-hit3 %.3f%n", r.hit3(), minHit3);
            ok = false;
        }
        if (minRejection != null && r.offTopic() > 0 && r.rejection() < minRejection) {
            out.printf(Locale.ROOT, "off-topic rejection %.3f is below --min-rejection %.3f%n", r.rejection(),
                    minRejection);
            ok = false;
        }
        return ok;
    }

    private void ablation(PrintWriter out) throws Exception {
        out.println("| step | file | Hit@1 | Hit@3 | MRR@5 | off-topic rejected | ms/question |");
        out.println("|---|---|---|---|---|---|---|");
        for (Tuning.Row step : Tuning.ablation()) {
            Answerer answerer = main.corpus(corpus).answerer(step.tuning());
            Optional<String> org = protocol.validated(answerer.corpus());
            for (Path f : files) {
                Evaluation.Report r = measure(answerer, f, org);
                out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %d/%d | %.2f |%n", step.name(),
                        f.getFileName(), r.hit1(), r.hit3(), r.mrr5(), r.rejected(), r.offTopic(),
                        r.millisPerQuestion());
            }
        }
    }

    private static Evaluation.Report measure(Answerer answerer, Path file, Optional<String> org) throws Main.UserError {
        if (!java.nio.file.Files.exists(file)) {
            throw new Main.UserError("het bestand " + file + " bestaat niet", Main.EXIT_USAGE);
        }
        try {
            List<Evaluation.Case> cases = Evaluation.read(file);
            Evaluation.run(answerer, cases, org); // warm-up, so the timing is of a warm JVM
            return Evaluation.run(answerer, cases, org);
        } catch (IOException e) {
            throw new Main.UserError(e.getMessage() == null ? "kan " + file + " niet lezen" : e.getMessage(),
                    Main.EXIT_USAGE);
        }
    }
}
