package nl.protocolbot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Example;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {"Voegt een vraag toe als voorbeeldvraag bij een artikel (examples/<protocol>.txt in de corpusmap).",
                "Weigert een onbekend artikel-ID en een vraag die er al staat; een draaiende server met",
                "PROTOCOLBOT_CORPUS pikt de wijziging vanzelf op."})
final class LearnCommand implements Callable<Integer> {
    /** The folder to write to; without it, PROTOCOLBOT_CORPUS (the bundled corpus cannot be written to). */
    @CommandLine.Mixin
    CorpusOption corpus;

    @Parameters(index = "0", paramLabel = "VRAAG", description = "De vraag zoals medewerkers hem stellen.")
    String question;

    @Parameters(index = "1", paramLabel = "ID", description = "Het artikel dat de vraag beantwoordt, bijvoorbeeld aurora/3.5.")
    String id;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = main.writableCorpus(corpus, "");
        Example added = CorpusLoader.learn(target, id, question);
        spec.commandLine().getOut().println("Toegevoegd in " + added.source() + ": " + added.articleId() + ": "
                + added.question());
        return Main.EXIT_OK;
    }
}
