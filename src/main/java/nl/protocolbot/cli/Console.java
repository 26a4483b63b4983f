package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.protocolbot.answer.AnswerText;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.Command;
import nl.protocolbot.search.SearchEngine;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive console on JLine: line editing and a history of this session's questions (arrow keys), read
 * until {@code stop} or end of input. The history is kept in memory only, never in a file: what staff ask stays
 * private. Reads the shared command grammar ({@link Command}): a question, {@code toon ID} or {@code help}.
 */
final class Console {
    /** The help text, with an article of the corpus in use as the example of {@code toon}. */
    static String help(String exampleId) {
        return HELP.formatted(exampleId);
    }

    private static final String HELP = """
            Typ je vraag en druk op Enter, bijvoorbeeld: mag ik een klassenfoto op Instagram zetten?
              toon ID   toont één artikel, bijvoorbeeld: toon %s
              help      toont deze uitleg
              stop      sluit af (of Ctrl-D)
            Met ↑ en ↓ haal je eerdere vragen terug, met ← en → verbeter je een vraag. Vragen worden niet bewaard
            na het afsluiten.
            """;
    private static final Set<String> STOP = Set.of("stop", "exit", "quit");

    private final Answerer answerer;
    private final Terminal terminal;

    Console(Answerer answerer, Terminal terminal) {
        this.answerer = answerer;
        this.terminal = terminal;
    }

    int run() {
        PrintWriter out = terminal.writer();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("protocolbot")
                .variable(LineReader.HISTORY_SIZE, 500)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        out.println("protocolbot — vragen over het social-media-protocol ("
                + answerer.corpus().protocols().size() + " protocollen, " + answerer.corpus().size() + " artikelen).");
        out.println("Typ je vraag en druk op Enter; 'help' legt uit wat er nog meer kan, 'stop' of Ctrl-D sluit af.");
        while (true) {
            String line;
            try {
                line = reader.readLine("\nVraag: ");
            } catch (UserInterruptException ctrlC) {
                continue; // Ctrl-C drops the line being typed, as in a shell
            } catch (EndOfFileException end) {
                out.println();
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (STOP.contains(line.strip().toLowerCase(Locale.ROOT))) {
                break;
            }
            out.print(reply(Command.parse(line)));
            out.flush();
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private String reply(Command command) {
        return switch (command.kind()) {
            case HELP -> help(answerer.exampleId());
            case SHOW -> answerer.show(command.argument()).map(AnswerText::article).orElse("Onbekend artikel '"
                    + command.argument() + "'. Gebruik een ID zoals " + answerer.exampleId()
                    + "; 'java -jar protocolbot.jar list' toont ze allemaal.\n");
            case ASK -> AnswerText.render(answerer.ask(command.argument(), SearchEngine.DEFAULT_LIMIT, Optional.empty()));
        };
    }
}
