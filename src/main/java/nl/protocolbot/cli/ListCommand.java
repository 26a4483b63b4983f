package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Toont de ID's en titels van alle artikelen.")
final class ListCommand implements Callable<Integer> {
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
        Corpus c = main.corpus(corpus).load();
        Optional<String> only = protocol.validated(c);
        PrintWriter out = spec.commandLine().getOut();
        for (Protocol p : c.protocols()) {
            if (only.isPresent() && !only.get().equals(p.slug())) {
                continue;
            }
            out.println("# " + p.organisation() + " — " + p.citation() + " (" + p.articles().size() + " artikelen)");
            for (Article a : p.articles()) {
                out.println(a.id() + "\t" + a.title());
            }
            out.println();
        }
        return Main.EXIT_OK;
    }
}
