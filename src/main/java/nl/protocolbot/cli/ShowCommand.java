package nl.protocolbot.cli;

import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.AnswerJson;
import nl.protocolbot.answer.AnswerText;
import nl.protocolbot.answer.Answerer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Toont één artikel met zijn bron.")
final class ShowCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CorpusOption corpus;

    @Option(names = "--json", description = "Als JSON.")
    boolean json;

    @Parameters(index = "0", paramLabel = "ID", description = "Artikel-ID, bijvoorbeeld aurora/3.5.")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Answerer answerer = main.corpus(corpus).answerer();
        Answer.Item item = answerer.show(id).orElseThrow(() -> new Main.UserError(
                "onbekend artikel '" + id + "'; 'protocolbot list' toont alle artikel-ID's", Main.EXIT_FAILURE));
        spec.commandLine().getOut().print(json ? AnswerJson.item(item) + "\n" : AnswerText.article(item));
        return Main.EXIT_OK;
    }
}
