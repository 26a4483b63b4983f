package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.protocolbot.importer.Draft;
import nl.protocolbot.importer.ImportException;
import nl.protocolbot.importer.Importer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Importeert het protocol van een schoolbestuur uit PDF, Word, OpenDocument of tekst.",
                "Schrijft <protocol>.md in de corpusmap (.pdf, .docx, .odt, .md of .txt), met een verslag van wat het",
                "deed.",
                "Een nieuwe corpusmap begint met de meegeleverde protocollen, zodat uw protocol vanaf dag één",
                "leert van hun voorbeeldvragen."})
final class ImportCommand implements Callable<Integer> {
    /** How the next steps are typed (the jar has no launcher of its own). */
    private static final String JAR = "java -jar protocolbot.jar";
    /** Lines of a list shown in the report before "en N meer". */
    private static final int SHOWN = 8;

    @CommandLine.Mixin
    CorpusOption corpus;

    @Parameters(index = "0", paramLabel = "BESTAND", description = "Het protocol: .pdf, .docx, .odt, .md of .txt.")
    Path file;

    @Option(names = "--org", required = true, paramLabel = "NAAM",
            description = "Korte naam van het protocol (kleine letters, cijfers en '-'), bijvoorbeeld stichting-primo;"
                    + " ook de waarde voor PROTOCOLBOT_ORG.")
    String slug;

    @Option(names = "--organisation", required = true, paramLabel = "\"NAAM\"",
            description = "De naam van het schoolbestuur, zoals de bot hem noemt.")
    String organisation;

    @Option(names = "--replace", description = "Vervang een protocol met dezelfde naam dat er al staat.")
    boolean replace;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = main.writableCorpus(corpus, " (een map die nog niet bestaat wordt gemaakt)");
        if (!Importer.validSlug(slug)) {
            throw new Main.UserError("--org '" + slug + "' is geen geldige naam: kleine letters, cijfers en '-', "
                    + "hoogstens 40 tekens (bijvoorbeeld stichting-primo)", Main.EXIT_USAGE);
        }
        Importer importer = new Importer();
        Draft draft;
        Importer.Written written;
        try {
            draft = importer.read(file);
            written = importer.write(draft, target, slug, organisation, replace);
        } catch (ImportException e) {
            throw new Main.UserError(file.getFileName() + ": " + e.getMessage(), Main.EXIT_FAILURE);
        }
        report(spec.commandLine().getOut(), draft, written, target);
        return Main.EXIT_OK;
    }

    private void report(PrintWriter out, Draft draft, Importer.Written written, Path dir) {
        out.println("Geïmporteerd: " + file.getFileName() + " → " + written.file() + " ("
                + draft.articles().size() + " artikelen)");
        out.println("Titel: " + written.protocol().title()
                + (draft.version().isEmpty() ? "" : " · versie " + draft.version())
                + (draft.adopted().isEmpty() ? "" : " · vastgesteld " + draft.adopted()));
        if (written.startedFromBundled()) {
            out.println("Nieuwe corpusmap " + dir + ", begonnen met de meegeleverde protocollen: hun voorbeeldvragen"
                    + " helpen uw protocol vanaf dag één (met PROTOCOLBOT_ORG ziet uw personeel alleen uw protocol).");
        }
        out.println();
        out.println("Artikelen per hoofdstuk:");
        for (Map.Entry<String, Integer> e : draft.perSection().entrySet()) {
            out.printf("  %3d  %s%n", e.getValue(), e.getKey().isEmpty() ? "(zonder hoofdstuk)" : e.getKey());
        }
        List<String> doubts = draft.doubts();
        long untitled = draft.untitled();
        long unnumbered = draft.unnumbered();
        if (!doubts.isEmpty() || untitled > 0 || unnumbered > 0) {
            out.println();
            out.println("Controleer:");
            list(out, doubts);
            if (unnumbered > 0) {
                out.println("  - " + unnumbered + " artikelen (opsommingstekens, alinea's, lijsten zonder nummers) hebben "
                        + "geen nummer in het document; hun ID komt van de kop erboven (zoals " + example(draft) + ").");
            }
            if (untitled > 0) {
                out.println("  - " + untitled + " artikelen hebben nog geen eigen titel; ze staan onder de kop van hun "
                        + "hoofdstuk (of als 'Artikel <nummer>'). Geef ze een titel in " + slug + ".md of in /beheer.");
            }
        }
        if (!draft.dropped().isEmpty()) {
            out.println();
            out.println("Weggelaten (paginanummers, kop- en voetteksten, inhoudsopgave, invulvelden, losse woorden): "
                    + draft.dropped().size() + " regels");
            list(out, draft.dropped().stream().map(s -> "\"" + s + "\"").toList());
        }
        out.println();
        out.println("Volgende stappen:");
        out.println("  1. Controleer het corpus:       " + JAR + " check --corpus " + dir);
        out.println("  2. Bekijk titels en koppelingen: " + JAR + " links --corpus " + dir + " --org " + slug
                + "  (of in /beheer)");
        out.println("  3. Probeer een vraag:            " + JAR + " ask --corpus " + dir + " --org " + slug
                + " \"mag ik een klassenfoto op Instagram zetten?\"");
        out.println("  4. Start de bot:                 PROTOCOLBOT_CORPUS=" + dir + " PROTOCOLBOT_ORG=" + slug
                + " " + JAR + " serve");
    }

    private String example(Draft draft) {
        return draft.articles().stream().map(Draft.Article::ref)
                .filter(r -> !r.matches("\\d+(\\.\\d+)*(\\.[a-z])?(-\\d+)?")).findFirst()
                .map(r -> slug + "/" + r).orElse("");
    }

    private static void list(PrintWriter out, List<String> lines) {
        for (int i = 0; i < Math.min(SHOWN, lines.size()); i++) {
            out.println("  - " + lines.get(i));
        }
        if (lines.size() > SHOWN) {
            out.println("  … en " + (lines.size() - SHOWN) + " meer");
        }
    }
}
