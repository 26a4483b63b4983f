package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.search.SearchEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Controleert een corpusmap (protocollen, voorbeeldvragen, woordenlijsten) en meldt elk probleem met bestand en regel.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CorpusOption corpus;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "De corpusmap (standaard: --corpus of het meegeleverde).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Main.UserError {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Corpus c = dir != null ? CorpusLoader.load(dir) : main.corpus(corpus).load();
            SearchEngine.build(c);
            out.println("OK: " + c.protocols().size() + " protocollen, " + c.size() + " artikelen, "
                    + c.examples().size() + " voorbeeldvragen, " + c.outOfScope().size() + " vragen buiten het protocol"
                    + (c.synonyms().isPresent() ? ", synoniemen gecontroleerd" : ", geen synonyms.txt"));
            return Main.EXIT_OK;
        } catch (CorpusException e) {
            for (Problem p : e.problems()) {
                err.println(p);
            }
            err.println(e.problems().size() + (e.problems().size() == 1 ? " probleem" : " problemen") + " gevonden.");
            return Main.EXIT_FAILURE;
        }
    }
}
