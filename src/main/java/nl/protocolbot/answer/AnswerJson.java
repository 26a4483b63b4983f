package nl.protocolbot.answer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Renders an {@link Answer} as one JSON object (the shape of {@code ask --json}). */
public final class AnswerJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private AnswerJson() {
    }

    public static JsonObject toJson(Answer answer) {
        JsonObject o = new JsonObject();
        o.addProperty("question", answer.question());
        o.addProperty("status", answer.status().name().toLowerCase(java.util.Locale.ROOT));
        JsonArray items = new JsonArray();
        for (Answer.Item item : answer.items()) {
            items.add(item(item));
        }
        o.add("answers", items);
        if (answer.status() != Answer.Status.ANSWERED) {
            o.addProperty("message", answer.message());
        }
        o.addProperty("reminder", Answer.REMINDER);
        return o;
    }

    public static JsonObject item(Answer.Item item) {
        JsonObject a = new JsonObject();
        a.addProperty("id", item.id());
        a.addProperty("organisation", item.organisation());
        a.addProperty("protocol", item.protocol());
        a.addProperty("citation", item.citation());
        a.addProperty("section", item.section());
        a.addProperty("title", item.title());
        a.addProperty("text", item.text());
        a.addProperty("highlight", item.highlight());
        a.addProperty("score", Math.round(item.score() * 1000) / 1000.0);
        JsonArray also = new JsonArray();
        for (Answer.Reference r : item.alsoIn()) {
            JsonObject ref = new JsonObject();
            ref.addProperty("id", r.id());
            ref.addProperty("organisation", r.organisation());
            also.add(ref);
        }
        a.add("alsoIn", also);
        return a;
    }

    /** One line of JSON. */
    public static String line(Answer answer) {
        return GSON.toJson(toJson(answer));
    }
}
