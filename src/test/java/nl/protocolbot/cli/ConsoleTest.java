package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console on a real JLine terminal (an xterm over streams): keys as a person presses them. */
class ConsoleTest {
    static final String UP = "\033OA";
    static final String LEFT = "\033OD";
    static final String BACKSPACE = "\177";
    static Answerer answerer;

    @BeforeAll
    static void index() throws Exception {
        answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
    }

    static String type(String keys) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = new ExternalTerminal("test", "xterm", new ByteArrayInputStream(
                keys.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
            assertEquals(Main.EXIT_OK, new Console(answerer, terminal).run());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theUpArrowBringsBackTheLastQuestion() throws Exception {
        String out = type("toon aurora/3.5\n" + UP + "\n");
        assertEquals(2, count(out, "leerlingen ouder dan 16 jaar"), out);
    }

    @Test
    void aTypoIsFixedInTheLine() throws Exception {
        String out = type("toon aurorx/3.5" + LEFT.repeat(4) + BACKSPACE + "a\n");
        assertEquals(1, count(out, "leerlingen ouder dan 16 jaar"), out);
        assertTrue(!out.contains("Onbekend artikel"), out);
    }

    @Test
    void helpPrintsHelp() throws Exception {
        String out = type("help\n");
        assertTrue(out.contains("toon ID") && out.contains("eerdere vragen"), out);
        assertTrue(!out.contains("Bij twijfel"), "help is not searched as a question: " + out);
    }
}
