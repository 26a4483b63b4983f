package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;

/** The welcome card for someone who installs the bot, and the example questions it and the app manifest offer. */
final class Welcome {
    static final String SUMMARY = "Welkom! Ik beantwoord je vragen over het social-media-protocol.";
    /** How many example questions the welcome offers as buttons. */
    static final int BUTTONS = 3;

    /** An example question: a short title (Teams' command list allows 32 characters) and the question itself. */
    record Example(String title, String question) {
    }

    private Welcome() {
    }

    static JsonObject card(Corpus corpus, List<Article> rules, List<String> questions, int limit) {
        JsonArray body = new JsonArray();
        body.add(Cards.textBlock("Welkom bij protocolbot", "Large", "Bolder"));
        body.add(Cards.textBlock("Ik beantwoord vragen over het social-media-protocol van je schoolbestuur, met de "
                + "letterlijke tekst van de artikelen en hun bron. Ik bewaar je vragen niet en onthoud niet wie iets "
                + "vroeg.", "Default", null));
        String example = rules.stream().findFirst().or(() -> corpus.articles().stream().findFirst())
                .map(Article::id).orElse("");
        body.add(Cards.textBlock("Stel je vraag hier in de chat. In een kanaal of groepschat noem je me eerst: "
                + "@protocolbot en dan je vraag. Een artikel opzoeken: typ \"toon " + example + "\".", "Default", null));
        body.add(Cards.textBlock("Probeer een voorbeeldvraag:", "Default", "Bolder"));
        JsonArray buttons = new JsonArray();
        questions.stream().limit(BUTTONS).forEach(q -> buttons.add(Cards.ask(q)));
        JsonObject set = new JsonObject();
        set.addProperty("type", "ActionSet");
        set.add("actions", buttons);
        body.add(set);
        if (!rules.isEmpty()) {
            JsonObject heading = Cards.textBlock("De kernregels", "Medium", "Bolder");
            heading.addProperty("separator", true);
            body.add(heading);
            rules.forEach(a -> body.add(Cards.rule(corpus, a, limit)));
        }
        body.add(Cards.reminder());
        return Cards.message(SUMMARY, body, new JsonArray());
    }

    /**
     * The example questions, from {@code examples.txt} beside this class: the communication department's own
     * wording, kept apart from the adopted protocol text. One per line, {@code title | question}.
     */
    static List<Example> examples() {
        try (InputStream in = Welcome.class.getResourceAsStream("examples.txt")) {
            if (in == null) {
                throw new IllegalStateException("examples.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split("\\|", 2))
                    .map(p -> new Example(p[0].strip(), p.length > 1 ? p[1].strip() : p[0].strip()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
