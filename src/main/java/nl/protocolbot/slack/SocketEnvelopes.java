package nl.protocolbot.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.listener.WebSocketMessageListener;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Socket Mode delivers, taken apart before Bolt sees it. Bolt's own Socket Mode listener logs a stack trace
 * for an envelope it cannot parse (and the Slack client does so for a message that is not JSON), logs the whole
 * payload for a type it does not know, and cannot leave an envelope unacknowledged on purpose. Here:
 * <ul>
 * <li>{@link Checked}, the client's message queue, drops what is not a well-formed Socket Mode message with one
 * line in the log and no payload;</li>
 * <li>{@link Listener} acknowledges payload types Bolt does not know, runs the rest through {@link BoltRunner}, and
 * acknowledges only what was taken (200): a refused envelope is left for Slack to deliver again.</li>
 * </ul>
 */
final class SocketEnvelopes {
    private static final Logger LOG = LoggerFactory.getLogger(SocketEnvelopes.class);
    /** Socket Mode's envelope types that carry a request for the app. */
    private static final Set<String> ENVELOPES = Set.of("events_api", "interactive", "slash_commands");

    private SocketEnvelopes() {
    }

    /** The client's message queue, taking only well-formed messages. */
    static final class Checked implements SocketModeMessageQueue {
        private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();

        @Override
        public void add(String message) {
            String problem = problem(message);
            if (problem == null) {
                queue.add(message);
            } else {
                LOG.warn("Socket Mode message ignored: {} ({} characters)", problem, message.length());
            }
        }

        @Override
        public String poll() {
            return queue.poll();
        }
    }

    /** What is wrong with a message, or null when nothing is. */
    static String problem(String message) {
        JsonElement e;
        try {
            e = JsonParser.parseString(message);
        } catch (JsonParseException | StackOverflowError malformed) {
            return "not JSON";
        }
        if (!e.isJsonObject() || !isString(e.getAsJsonObject().get("type"))) {
            return "no type";
        }
        JsonObject o = e.getAsJsonObject();
        String type = o.get("type").getAsString();
        if (ENVELOPES.contains(type) && (!isString(o.get("envelope_id")) || o.get("payload") == null
                || !o.get("payload").isJsonObject())) {
            return "malformed " + Payloads.printable(type) + " envelope";
        }
        return null;
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** Runs each request envelope through Bolt, and acknowledges it when it was taken. */
    static final class Listener implements WebSocketMessageListener {
        private final SocketModeClient client;
        private final SocketModeRequestParser parser;
        private final BoltRunner bolt;
        private final Gson gson;

        Listener(SocketModeClient client, App app, BoltRunner bolt) {
            this.client = client;
            this.parser = new SocketModeRequestParser(app.config());
            this.bolt = bolt;
            this.gson = GsonFactory.createSnakeCase(app.slack().getConfig());
        }

        @Override
        public void handle(String message) {
            try {
                take(message);
            } catch (RuntimeException e) {
                LOG.error("Socket Mode envelope not handled: {}",
                    e.getClass().getSimpleName(), nl.protocolbot.http.Traces.withoutMessages(e));
            }
        }

        private void take(String message) {
            JsonObject envelope = JsonParser.parseString(message).getAsJsonObject(); // checked by the queue
            String type = envelope.get("type").getAsString();
            if (!ENVELOPES.contains(type)) {
                return; // hello, disconnect and the like: the client handles those
            }
            String id = envelope.get("envelope_id").getAsString();
            if (!"slash_commands".equals(type)) {
                Payloads.Verdict what = Payloads.ofJson(envelope.get("payload").toString());
                if (what.kind() != Payloads.Kind.BOLT) {
                    LOG.info("Socket Mode {} envelope of payload type {} acknowledged, not handled", type,
                            what.type());
                    client.sendSocketModeResponse(new AckResponse(id));
                    return;
                }
            }
            SocketModeRequest request;
            try {
                request = parser.parse(message);
            } catch (RuntimeException malformed) {
                LOG.warn("Socket Mode {} envelope ignored: malformed payload", type);
                client.sendSocketModeResponse(new AckResponse(id)); // it will not get better
                return;
            }
            if (request != null) {
                acknowledge(id, type, bolt.run(request.getBoltRequest()));
            }
        }

        private void acknowledge(String id, String type, Response response) {
            if (response.getStatusCode() != 200) {
                LOG.warn("Socket Mode {} envelope left unacknowledged ({}): Slack will deliver it again", type,
                        response.getStatusCode());
                return;
            }
            if (response.getBody() == null || response.getBody().isEmpty()) {
                client.sendSocketModeResponse(new AckResponse(id));
                return;
            }
            // a reply that goes with the acknowledgement (a slash command's answer): JSON, or plain text
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("envelope_id", id);
            String contentType = response.getContentType() == null ? "" : response.getContentType();
            ack.put("payload", contentType.startsWith("application/json")
                    ? gson.fromJson(response.getBody(), JsonElement.class) : Map.of("text", response.getBody()));
            client.sendSocketModeResponse(gson.toJson(ack));
        }
    }
}
