package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

/**
 * The parts of a Bot Framework activity the bot uses. Fields that are absent are empty strings.
 *
 * @param conversationType {@code personal}, {@code channel} or {@code groupChat}
 * @param value            what an {@code Action.Submit} sent, if this is a card click
 * @param replyToId        the bot's message a card click came from
 * @param action           {@code add} or {@code remove} for an {@code installationUpdate}
 * @param membersAdded     the IDs a {@code conversationUpdate} adds
 * @param mentioned        the IDs the message @mentions
 */
record Activity(String type, String id, String channelId, String serviceUrl, String conversationId,
                String conversationType, String text, Optional<JsonObject> value, String replyToId, Party from,
                Party recipient, String action, List<String> membersAdded, List<String> mentioned) {

    /** A user or bot: its channel ID and display name (sent back to the connector, never logged). */
    record Party(String id, String name) {
    }

    /** Teams' mention markup, {@code <at>Name</at>}: the names are not part of the question. */
    private static final Pattern MENTION = Pattern.compile("(?is)<at>.*?</at>");

    Activity {
        membersAdded = List.copyOf(membersAdded);
        mentioned = List.copyOf(mentioned);
    }

    /** The activity in a request body; empty when the body is not a JSON object with a type. */
    static Optional<Activity> parse(String json) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                return Optional.empty();
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
        String type = string(o, "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        JsonObject conversation = object(o, "conversation");
        return Optional.of(new Activity(type, string(o, "id"), string(o, "channelId"), string(o, "serviceUrl"),
                string(conversation, "id"), conversationType(conversation), string(o, "text"),
                Optional.ofNullable(o.get("value")).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject),
                string(o, "replyToId"), party(object(o, "from")), party(object(o, "recipient")), string(o, "action"),
                ids(o.get("membersAdded")), mentions(o.get("entities"))));
    }

    boolean personal() {
        return "personal".equals(conversationType);
    }

    /** Whether the message @mentions the bot (in a channel or group chat it answers only then). */
    boolean mentionsBot() {
        return !recipient.id().isEmpty() && mentioned.contains(recipient.id());
    }

    /**
     * The question: the text without mention markup, and without the HTML Teams sends formatted messages in
     * ({@code <p>}, {@code <b>}, {@code &amp;}, {@code &nbsp;}), which Lucene's HTML filter reads (cleaning chat
     * markup is the adapter's job).
     */
    String question() {
        String withoutMentions = MENTION.matcher(text).replaceAll(" ");
        StringBuilder plain = new StringBuilder();
        try (Reader html = new HTMLStripCharFilter(new StringReader(withoutMentions))) {
            char[] buffer = new char[1024];
            for (int n = html.read(buffer); n >= 0; n = html.read(buffer)) {
                plain.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader does not fail", e);
        }
        return plain.toString().replace('\u00a0', ' ').strip();
    }

    private static String conversationType(JsonObject conversation) {
        String t = string(conversation, "conversationType");
        if (!t.isEmpty()) {
            return t;
        }
        JsonElement group = conversation.get("isGroup");
        return group != null && group.isJsonPrimitive() && group.getAsBoolean() ? "groupChat" : "personal";
    }

    private static Party party(JsonObject o) {
        return new Party(string(o, "id"), string(o, "name"));
    }

    private static List<String> ids(JsonElement members) {
        List<String> out = new ArrayList<>();
        if (members instanceof JsonArray list) {
            for (JsonElement m : list) {
                if (m.isJsonObject()) {
                    out.add(string(m.getAsJsonObject(), "id"));
                }
            }
        }
        return out;
    }

    private static List<String> mentions(JsonElement entities) {
        List<String> out = new ArrayList<>();
        if (entities instanceof JsonArray list) {
            for (JsonElement e : list) {
                if (e.isJsonObject() && "mention".equals(string(e.getAsJsonObject(), "type"))) {
                    out.add(string(object(e.getAsJsonObject(), "mentioned"), "id"));
                }
            }
        }
        return out;
    }

    static JsonObject object(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}
