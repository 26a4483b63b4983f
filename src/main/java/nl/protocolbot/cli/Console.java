package nl.protocolbot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import nl.protocolbot.answer.AnswerText;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.search.SearchEngine;

/** The interactive console: reads questions, one per line, and prints answers until end of input. */
final class Console {
    private final Answerer answerer;
    private final PrintWriter out;

    Console(Answerer answerer, PrintWriter out) {
        this.answerer = answerer;
        this.out = out;
    }

    int run(InputStream input) throws IOException {
        out.println("protocolbot — vragen over het social-media-protocol ("
                + answerer.corpus().protocols().size() + " protocollen, " + answerer.corpus().size() + " artikelen).");
        out.println("Typ je vraag en druk op Enter. 'toon aurora/3.5' toont een artikel; 'stop' of Ctrl-D sluit af.");
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        while (true) {
            out.print("\nVraag: ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                break;
            }
            String q = line.strip();
            String lower = q.toLowerCase(Locale.ROOT);
            if (q.isEmpty()) {
                continue;
            }
            if (lower.equals("stop") || lower.equals("exit") || lower.equals("quit")) {
                break;
            }
            if (lower.startsWith("toon ") || lower.startsWith("show ")) {
                String id = q.substring(5).strip();
                out.print(answerer.show(id).map(AnswerText::article)
                        .orElse("Onbekend artikel '" + id + "'. Gebruik een ID zoals aurora/3.5.\n"));
                continue;
            }
            out.print(AnswerText.render(answerer.ask(q, SearchEngine.DEFAULT_LIMIT, Optional.empty())));
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
