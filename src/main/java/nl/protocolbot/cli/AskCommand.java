package nl.protocolbot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.AnswerJson;
import nl.protocolbot.answer.AnswerText;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.search.SearchEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Beantwoordt één vraag.",
                "Met --json en zonder vraag: leest één vraag per regel van standaardinvoer en schrijft per regel "
                        + "één JSON-object (JSON Lines)."})
final class AskCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CorpusOption corpus;

    @CommandLine.Mixin
    ProtocolOption protocol;

    @Option(names = "--json", description = "Antwoord als JSON.")
    boolean json;

    @Option(names = "--explain", hidden = true, description = "Toon hoe de vraag gelezen wordt (voor afstemming).")
    boolean explain;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "3",
            description = "Hoeveel artikelen ten hoogste (1-20; standaard ${DEFAULT-VALUE}).")
    int limit;

    @Parameters(arity = "0..*", paramLabel = "VRAAG", description = "De vraag.")
    List<String> words;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > SearchEngine.MAX_LIMIT) {
            throw new Main.UserError("--limit moet tussen 1 en " + SearchEngine.MAX_LIMIT + " liggen", Main.EXIT_USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        String question = words == null ? "" : String.join(" ", words).strip();
        boolean noWords = question.codePoints().noneMatch(Character::isLetterOrDigit);
        if ((question.isEmpty() && !json) || (!question.isEmpty() && noWords)) {
            // "" and "?" are the same mistake: no question to search for
            throw new Main.UserError("geef een vraag, bijvoorbeeld: java -jar protocolbot.jar ask \"mag ik een "
                    + "klassenfoto op Instagram zetten?\"", Main.EXIT_USAGE);
        }
        Answerer answerer = main.corpus(corpus).answerer();
        Optional<String> org = protocol.validated(answerer.corpus());
        if (question.isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.println(AnswerJson.line(answerer.ask(line, limit, org)));
                    out.flush();
                }
            }
            return Main.EXIT_OK;
        }
        if (explain) {
            out.print(answerer.explain(question, org));
        }
        Answer answer = answerer.ask(question, limit, org);
        out.print(json ? AnswerJson.line(answer) + "\n" : AnswerText.render(answer));
        return Main.EXIT_OK;
    }
}
