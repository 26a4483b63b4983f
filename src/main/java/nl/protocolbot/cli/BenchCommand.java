package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Meet snelheid en geheugen: antwoordtijden, doorvoer, koude start en schaal.",
                "Schrijft een Markdown-tabel (voor docs/performance.md) naar standaarduitvoer.",
                "End-to-end, belasting, overbelasting en trage clients: mvn -B -Pbench test (zie docs/performance.md)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "100", description = "Herhalingen van de vragenlijst (standaard ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--scale", split = ",", defaultValue = "100,1000",
            description = "Synthetische corpora, als veelvoud van het echte (standaard ${DEFAULT-VALUE}).")
    int[] scales;

    @Option(names = "--quick", description = "Korte run (weinig herhalingen, alleen 100×) om te proberen.")
    boolean quick;

    @Option(names = "--scale-only", hidden = true)
    Integer scaleOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        main.noCorpus("bench");
        PrintWriter out = spec.commandLine().getOut();
        if (scaleOnly != null) {
            out.println(Bench.scaleOnly(scaleOnly, rounds));
            return Main.EXIT_OK;
        }
        PrintWriter progress = spec.commandLine().getErr();
        if (quick) {
            rounds = 10;
            scales = new int[] {100};
        }
        Bench bench = new Bench(progress);
        progress.println("protocolbot bench: " + Bench.questions().size() + " questions × " + rounds + " rounds");
        bench.build();
        bench.latency(rounds);
        bench.coldStart();
        bench.importPdf();
        for (int factor : scales) {
            bench.scale(factor, Math.max(3, rounds / 20));
        }
        out.println("| figure | measured | target | met |");
        out.println("|---|---|---|---|");
        for (Bench.Row r : bench.rows) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", r.figure(), r.value(), r.target(),
                    r.met() == null ? "" : r.met() ? "yes" : "**no**");
        }
        out.println();
        out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        return Main.EXIT_OK;
    }
}
