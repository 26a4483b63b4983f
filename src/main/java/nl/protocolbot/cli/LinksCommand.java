package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.search.RuleLink;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "links", mixinStandardHelpOptions = true,
        description = "Toont welke artikelen van verschillende protocollen dezelfde regel zijn: hun voorbeeldvragen"
                + " gelden voor elkaar. Corrigeren kan in links.txt van de corpusmap.")
final class LinksCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CorpusOption corpus;

    @CommandLine.Mixin
    ProtocolOption protocol;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Answerer answerer = main.corpus(corpus).answerer();
        Optional<String> org = protocol.validated(answerer.corpus());
        List<RuleLink> links = answerer.links();
        PrintWriter out = spec.commandLine().getOut();
        out.println("# Koppelingen tussen artikelen van verschillende protocollen (berekend uit tekst en voorbeeldvragen).");
        out.println("# Overnemen in links.txt als '<artikel> = <artikel>' (koppelen) of '<artikel> != <artikel>'"
                + " (nooit koppelen).");
        int shown = 0;
        for (RuleLink l : links) {
            if (!org.map(l::involves).orElse(true)) {
                continue;
            }
            out.printf(Locale.ROOT, "%s = %s   # %s%n", l.first().id(), l.second().id(),
                    l.byHand() ? "met de hand (links.txt)" : String.format(Locale.ROOT, "gelijkenis %.2f", l.similarity()));
            shown++;
        }
        out.printf(Locale.ROOT, "# %d koppelingen%n", shown);
        return Main.EXIT_OK;
    }
}
