package nl.protocolbot.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** A page to render: its HTTP status, its template and what the template shows. */
record Page(int status, String template, Map<String, Object> model) {
    Page {
        model = new LinkedHashMap<>(model);
    }

    static Page ok(String template, Map<String, Object> model) {
        return new Page(200, template, model);
    }

    /** A short page that only says something (not found, refused, too many attempts). */
    static Page message(int status, String title, String text) {
        return new Page(status, "message", Map.of("title", title, "text", text));
    }

    static Page notFound() {
        return message(404, "Niet gevonden", "Deze pagina bestaat niet. Zoek een artikel via de zoekvraag of de "
                + "lijst met protocollen.");
    }
}
