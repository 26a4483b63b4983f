package nl.protocolbot.cli;

import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.AnswerJson;
import nl.protocolbot.answer.AnswerText;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.search.RuleLink;
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
        java.util.List<RuleLink> links = answerer.links(item.id());
        if (json) {
            com.google.gson.JsonObject o = AnswerJson.item(item);
            com.google.gson.JsonArray linked = new com.google.gson.JsonArray();
            links.forEach(l -> linked.add(l.other(item.id()).id()));
            o.add("linked", linked);
            spec.commandLine().getOut().print(o + "\n");
            return Main.EXIT_OK;
        }
        spec.commandLine().getOut().print(AnswerText.article(item));
        if (!links.isEmpty()) {
            spec.commandLine().getOut().println("\nGekoppeld (dezelfde regel; de voorbeeldvragen gelden voor beide):");
            for (RuleLink l : links) {
                spec.commandLine().getOut().printf(java.util.Locale.ROOT, "  %s  %s  (%s)%n", l.other(item.id()).id(),
                        l.other(item.id()).title(), l.how());
            }
        }
        return Main.EXIT_OK;
    }
}
