package nl.protocolbot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.eval.Evaluation;
import nl.protocolbot.search.SearchEngine;
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

    @Option(names = "--per-protocol", description = "Meet per protocol, met alleen dat protocol (zoals"
            + " PROTOCOLBOT_ORG), op de vragen die dat protocol beantwoordt en alle vragen buiten de protocollen.")
    boolean perProtocol;

    @Option(names = "--leave-out", description = "Als --per-protocol, maar elk protocol zonder zijn eigen"
            + " voorbeeldvragen: wat een nieuw schoolbestuur krijgt.")
    boolean leaveOut;

    @Option(names = "--min-hit1", paramLabel = "X",
            description = "Eindig met code 1 als Hit@1 (per protocol: het gemiddelde) onder X ligt.")
    Double minHit1;

    @Option(names = "--min-weakest-hit3", paramLabel = "X",
            description = "Per protocol: eindig met code 1 als het zwakste protocol een Hit@3 onder X heeft.")
    Double minWeakestHit3;

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
        if (perProtocol || leaveOut) {
            return perProtocol(out) ? Main.EXIT_OK : Main.EXIT_FAILURE;
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
        boolean ok = minimum(out, "Hit@1", r.hit1(), minHit1);
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

    /**
     * Each file once per protocol, with only that protocol's articles answering (and, with {@code --leave-out},
     * without its own example questions); false when a figure is below a minimum.
     */
    private boolean perProtocol(PrintWriter out) throws Exception {
        Corpus whole = main.corpus(corpus).load();
        List<Protocol> protocols = protocol.slug == null ? whole.protocols()
                : List.of(whole.protocol(protocol.validated(whole).orElseThrow()).orElseThrow());
        List<Answerer> answerers = new java.util.ArrayList<>();
        Answerer shared = leaveOut ? null : new Answerer(SearchEngine.build(whole));
        for (Protocol p : protocols) {
            answerers.add(leaveOut ? new Answerer(SearchEngine.build(whole.withoutExamplesOf(p.slug()))) : shared);
        }
        boolean ok = true;
        for (Path f : files) {
            List<Evaluation.Case> cases = cases(f);
            List<Evaluation.ProtocolReport> reports = new java.util.ArrayList<>();
            for (int i = 0; i < protocols.size(); i++) {
                Protocol p = protocols.get(i);
                List<Evaluation.Case> own = Evaluation.forProtocol(cases, p);
                Evaluation.run(answerers.get(i), own, Optional.of(p.slug())); // warm-up
                reports.add(new Evaluation.ProtocolReport(p.slug(),
                        Evaluation.run(answerers.get(i), own, Optional.of(p.slug()))));
            }
            ok &= report(out, f, new Evaluation.Summary(reports));
        }
        return ok;
    }

    private boolean report(PrintWriter out, Path f, Evaluation.Summary s) {
        out.printf(Locale.ROOT, "%s, per protocol%s:%n", f,
                leaveOut ? ", each without its own example questions (a new board)" : "");
        out.printf(Locale.ROOT, "  %-12s %8s %6s %6s %6s  %s%n", "protocol", "on-topic", "Hit@1", "Hit@3", "MRR@5",
                "off-topic refused");
        // a protocol no on-topic question counts for shows its refusals only (see Evaluation.Summary)
        for (Evaluation.ProtocolReport p : s.protocols()) {
            Evaluation.Report r = p.report();
            if (!summary) {
                for (Evaluation.Miss m : r.misses()) {
                    out.printf(Locale.ROOT, "  %s miss (line %d): %s -> %s%n", p.protocol(), m.testCase().line(),
                            m.testCase().question(), m.answeredIds().isEmpty() ? "(no article)"
                                    : String.join(", ", m.answeredIds()));
                }
            }
            out.printf(Locale.ROOT, "  %-12s %8d %6.3f %6.3f %6.3f  %d/%d%n", p.protocol(), r.onTopic(), r.hit1(),
                    r.hit3(), r.mrr5(), r.rejected(), r.offTopic());
        }
        out.printf(Locale.ROOT, "  %-12s %8s %6.3f %6.3f %6.3f  lowest %.3f%n", "mean", "", s.meanHit1(), s.meanHit3(),
                s.meanMrr5(), s.minRejection());
        s.weakest().ifPresent(w -> out.printf(Locale.ROOT, "  weakest: %s (Hit@3 %.3f)%n", w.protocol(),
                w.report().hit3()));
        boolean ok = minimum(out, "mean Hit@3", s.meanHit3(), minHit3);
        ok &= minimum(out, "mean Hit@1", s.meanHit1(), minHit1);
        ok &= minimum(out, "weakest Hit@3", s.weakest().map(w -> w.report().hit3()).orElse(0.0), minWeakestHit3);
        ok &= minimum(out, "off-topic rejection of the weakest protocol", s.minRejection(), minRejection);
        return ok;
    }

    private static boolean minimum(PrintWriter out, String what, double value, Double min) {
        if (min != null && value < min) {
            out.printf(Locale.ROOT, "%s %.3f is below the minimum %.3f%n", what, value, min);
            return false;
        }
        return true;
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
        List<Evaluation.Case> cases = cases(file);
        Evaluation.run(answerer, cases, org); // warm-up, so the timing is of a warm JVM
        return Evaluation.run(answerer, cases, org);
    }

    private static List<Evaluation.Case> cases(Path file) throws Main.UserError {
        if (!java.nio.file.Files.exists(file)) {
            throw new Main.UserError("het bestand " + file + " bestaat niet", Main.EXIT_USAGE);
        }
        try {
            return Evaluation.read(file);
        } catch (IOException e) {
            throw new Main.UserError(e.getMessage() == null ? "kan " + file + " niet lezen" : e.getMessage(),
                    Main.EXIT_USAGE);
        }
    }
}
