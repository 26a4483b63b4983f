package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import nl.protocolbot.answer.Answer;

/** Teams replies: a message activity with an Adaptive Card 1.4 and a plain-text fallback. */
final class Cards {
    private Cards() {
    }

    static JsonObject reply(Answer answer) {
        JsonArray body = new JsonArray();
        StringBuilder text = new StringBuilder();
        switch (answer.status()) {
            case EMPTY_QUESTION -> {
                body.add(textBlock(Answer.NOT_UNDERSTOOD, false, "Default", null));
                text.append(Answer.NOT_UNDERSTOOD);
            }
            case NOTHING_FOUND -> {
                body.add(textBlock(Answer.NOTHING_FOUND, false, "Default", null));
                text.append(Answer.NOTHING_FOUND);
            }
            case ANSWERED -> {
                text.append("Dit zegt het protocol:");
                boolean first = true;
                for (Answer.Item item : answer.items()) {
                    JsonObject container = new JsonObject();
                    container.addProperty("type", "Container");
                    if (!first) {
                        container.addProperty("separator", true);
                        container.addProperty("spacing", "Medium");
                    }
                    first = false;
                    JsonArray items = new JsonArray();
                    items.add(textBlock(item.title(), true, "Medium", "Bolder"));
                    JsonObject meta = textBlock(item.id() + " · " + item.organisation(), true, "Small", null);
                    meta.addProperty("isSubtle", true);
                    meta.addProperty("spacing", "None");
                    items.add(meta);
                    if (item.showHighlight()) {
                        items.add(textBlock(item.highlight(), true, "Default", "Bolder"));
                    }
                    items.add(textBlock(item.text(), true, "Default", null));
                    String source = "Bron: " + item.organisation() + " — " + item.citation()
                            + (item.section().isEmpty() ? "" : " › " + item.section());
                    if (!item.alsoIn().isEmpty()) {
                        source += " · Zo ook in: " + String.join(", ",
                                item.alsoIn().stream().map(r -> r.id() + " (" + r.organisation() + ")").toList());
                    }
                    JsonObject src = textBlock(source, true, "Small", null);
                    src.addProperty("isSubtle", true);
                    items.add(src);
                    container.add("items", items);
                    body.add(container);
                    text.append("\n\n").append(item.title()).append(" (").append(item.id()).append(", ")
                            .append(item.organisation()).append("): ").append(item.text());
                }
            }
        }
        JsonObject reminder = textBlock(Answer.REMINDER, true, "Default", "Bolder");
        reminder.addProperty("separator", true);
        body.add(reminder);
        text.append("\n\n").append(Answer.REMINDER);

        JsonObject card = new JsonObject();
        card.addProperty("type", "AdaptiveCard");
        card.addProperty("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.addProperty("version", "1.4");
        card.add("body", body);
        JsonObject attachment = new JsonObject();
        attachment.addProperty("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.add("content", card);
        JsonArray attachments = new JsonArray();
        attachments.add(attachment);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", text.toString());
        message.add("attachments", attachments);
        return message;
    }

    /** A plain message without a card (for "busy"). */
    static JsonObject reply(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "message");
        o.addProperty("text", message);
        return o;
    }

    private static JsonObject textBlock(String text, boolean wrap, String size, String weight) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "TextBlock");
        t.addProperty("text", text);
        t.addProperty("wrap", wrap);
        if (!"Default".equals(size)) {
            t.addProperty("size", size);
        }
        if (weight != null) {
            t.addProperty("weight", weight);
        }
        return t;
    }
}
