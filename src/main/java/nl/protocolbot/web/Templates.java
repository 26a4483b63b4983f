package nl.protocolbot.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The pages' Pebble templates ({@code templates/*.peb} next to this class). Autoescaping is on and stays on: every
 * value a template prints is HTML-escaped, so no question, corpus text or form value can inject markup. Undefined
 * variables are errors, so a misspelt name fails the tests instead of printing nothing.
 */
final class Templates {
    private final PebbleEngine engine;

    Templates() {
        ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
        loader.setPrefix("nl/protocolbot/web/templates");
        loader.setSuffix(".peb");
        engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .defaultLocale(Locale.forLanguageTag("nl-NL"))
                .build();
    }

    /** The page {@code name} rendered with {@code model}. */
    String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(name).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
